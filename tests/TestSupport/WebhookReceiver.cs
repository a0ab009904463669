using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lector.Testing;

/// <summary>A real HTTP receiver on loopback that refuses the first deliveries with 503, as a receiver that is down would.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _refusalsLeft;

    private WebhookReceiver(WebApplication app, int refusals)
    {
        _app = app;
        _refusalsLeft = refusals;
        Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()), "/hook");
    }

    public sealed record Attempt(string Body, string? Signature, string? Timestamp, string? DeliveryId, bool Accepted);

    public Uri Url { get; }

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(int refusals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var accepted = Interlocked.Decrement(ref receiver!._refusalsLeft) < 0;
            receiver.Attempts.Enqueue(new Attempt(
                body,
                http.Request.Headers["X-Lector-Signature"].ToString(),
                http.Request.Headers["X-Lector-Timestamp"].ToString(),
                http.Request.Headers["X-Lector-Delivery"].ToString(),
                accepted));
            return accepted ? Results.NoContent() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await app.StartAsync();
        receiver = new WebhookReceiver(app, refusals);
        return receiver;
    }

    /// <summary>Takes every delivery from now on, as a receiver that is back up does.</summary>
    public void AcceptFromNow() => Volatile.Write(ref _refusalsLeft, 0);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
