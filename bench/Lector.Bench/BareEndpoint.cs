using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Lector.Bench;

/// <summary>
/// The baseline server: Kestrel with nothing behind it, answering every request with fixed bytes (those Lector
/// answered: its body and its headers), so the difference to Lector is everything Lector does to produce them, and
/// not what any client spends reading them.
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    /// <summary>Headers Kestrel writes itself for every answer (or that describe one connection or one answer's framing).</summary>
    private static readonly HashSet<string> ServerHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
    };

    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public Uri BaseAddress { get; }

    /// <summary>Answers every request as Lector answered <paramref name="sample"/>, whose body has been read into <paramref name="body"/>.</summary>
    public static async Task<BareEndpoint> StartAsync(HttpResponseMessage sample, byte[] body)
    {
        var headers = AnswerHeaders(sample.Headers).Concat(AnswerHeaders(sample.Content.Headers)).ToArray();
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

            var response = context.Response;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }

            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        return new BareEndpoint(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IEnumerable<(string Name, StringValues Value)> AnswerHeaders(HttpHeaders headers) =>
        headers.NonValidated.Where(h => !ServerHeaders.Contains(h.Key)).Select(h => (h.Key, new StringValues([.. h.Value])));
}
