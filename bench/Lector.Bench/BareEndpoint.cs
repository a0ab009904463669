using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lector.Bench;

/// <summary>
/// The baseline server: Kestrel with nothing behind it, answering every request with fixed bytes (those Lector
/// answered), so the difference to Lector is everything Lector does to produce them.
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public Uri BaseAddress { get; }

    public static async Task<BareEndpoint> StartAsync(byte[] body, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.ContentLength > 0)
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
            }

            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        return new BareEndpoint(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
