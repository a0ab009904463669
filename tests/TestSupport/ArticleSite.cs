using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lector.Testing;

/// <summary>
/// A real web site on loopback for URL imports to fetch: the cluttered article of <see cref="ArticlePages"/>, plain
/// text, a page in a legacy charset, redirects (chains of them, and to any address a test names), a page too large,
/// one that never finishes, and answers that are no page. It records every path asked, so a test can show a refused
/// target was never reached.
/// </summary>
public sealed class ArticleSite : IAsyncDisposable
{
    public const string PlainText = "Plain words, served as plain text.\n\nA second paragraph, after a blank line.";

    /// <summary>In windows-1252, where curly quotes and the euro sign are single bytes that Latin-1 has no letters for.</summary>
    public const string LegacyCharsetParagraph = "Tickets cost \u20ac29 \u2014 \u201cthe cheapest way across\u201d, as the operator puts it, for anyone who books early enough.";

    private readonly WebApplication _app;

    private ArticleSite(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        EndPoint = new IPEndPoint(IPAddress.Loopback, BaseAddress.Port);
    }

    public Uri BaseAddress { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>Every path (with its query) asked of the site, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>A URL of this site that redirects to <paramref name="target"/>.</summary>
    public Uri RedirectTo(string target) => Url("/to?target=" + Uri.EscapeDataString(target));

    public static async Task<ArticleSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ArticleSite? site = null;
        app.Use((http, next) =>
        {
            site!.Requests.Enqueue(http.Request.Path + http.Request.QueryString);
            return next(http);
        });
        app.MapGet("/article", () => Results.Text(ArticlePages.ClutteredHtml, "text/html; charset=utf-8"));
        app.MapGet("/plain", () => Results.Text(PlainText, "text/plain; charset=utf-8"));
        app.MapGet("/legacy", () => Results.Bytes(
            LegacyEncoding.GetBytes($"<!DOCTYPE html><html><head><title>Cheap tickets</title></head><body><p>{LegacyCharsetParagraph}</p></body></html>"),
            "text/html; charset=windows-1252"));
        app.MapGet("/redirect/{hops:int}", (int hops) => Results.Redirect(hops > 1 ? $"/redirect/{hops - 1}" : "/article"));
        app.MapGet("/to", (string target) => Results.Redirect(target));
        app.MapGet("/large", (int bytes) => Results.Text("<!DOCTYPE html><html><body><p>" + new string('x', bytes) + "</p></body></html>", "text/html"));
        app.MapGet("/endless", async (HttpContext http) =>
        {
            // Sends the start of a page, then nothing more until the client gives up.
            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<!DOCTYPE html><html><body><p>", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        });
        app.MapGet("/pdf", () => Results.Bytes("%PDF-1.7\n"u8.ToArray(), "application/pdf"));
        app.MapGet("/untyped", async (HttpContext http) => await http.Response.Body.WriteAsync("<p>No content type.</p>"u8.ToArray()));
        app.MapGet("/gone", () => Results.StatusCode(StatusCodes.Status410Gone));
        await app.StartAsync();
        site = new ArticleSite(app);
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Encoding LegacyEncoding
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("windows-1252");
        }
    }
}
