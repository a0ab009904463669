using System.Net;
using System.Text;
using Lector.Grains.Outbound;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Import;

/// <summary>
/// Fetches pages over HTTP. <see cref="OutboundAddressPolicy"/> judges the address of every connection as it is made;
/// redirects are followed here, at most <see cref="MaxRedirects"/>, so every hop connects, and is judged, on its own.
/// One time budget covers every hop and the body; the body is read no further than the size cap, decompressed.
/// </summary>
public sealed class HttpArticleFetcher : IArticleFetcher, IDisposable
{
    public const int MaxRedirects = 5;

    private static readonly HashSet<string> PageTypes = new(StringComparer.OrdinalIgnoreCase) { "text/html", "application/xhtml+xml", "text/plain" };

    private readonly HttpClient _client;
    private readonly IOptionsMonitor<ImportOptions> _options;

    public HttpArticleFetcher(IOptionsMonitor<ImportOptions> options, OutboundAddressPolicy policy)
    {
        _options = options;

        // Pages in legacy charsets (windows-1252, Shift_JIS...) are decoded by name; .NET knows only the Unicode ones and Latin-1 by itself.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var handler = policy.CreateHandler(() => options.CurrentValue.AllowPrivateTargets);
        handler.AutomaticDecompression = DecompressionMethods.All;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8");
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Lector/1.0 (article import)");
    }

    public async Task<FetchedPage> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!OutboundAddressPolicy.IsAcceptableUrl(url, out var target))
        {
            throw ImportErrors.Refuse(ImportErrors.BadUrl);
        }

        var options = _options.CurrentValue;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Timeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var response = await _client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, budget.Token);
                if (RedirectTarget(response, target) is not { } next)
                {
                    return await ReadPageAsync(target, response, options.MaxBytes, budget.Token);
                }

                if (redirects == MaxRedirects)
                {
                    throw ImportErrors.Refuse(ImportErrors.TooManyRedirects);
                }

                // A redirect to another scheme (file:, ftp:) leads somewhere imports may not go, as a private address does.
                target = OutboundAddressPolicy.IsAcceptableUrl(next) ? next : throw ImportErrors.Refuse(ImportErrors.AddressRefused);
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ImportErrors.Refuse(ImportErrors.Timeout);
        }
        catch (HttpRequestException e) when (IsRefusal(e))
        {
            throw ImportErrors.Refuse(ImportErrors.AddressRefused);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ImportErrors.Refuse(ImportErrors.Unreachable);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Where a redirect leads (resolved against the URL that answered it), or null when the answer is no redirect.</summary>
    private static Uri? RedirectTarget(HttpResponseMessage response, Uri from) =>
        response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
        && response.Headers.Location is { } location
            ? new Uri(from, location)
            : null;

    private static async Task<FetchedPage> ReadPageAsync(Uri url, HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw ImportErrors.Refuse(ImportErrors.Unreachable);
        }

        var type = response.Content.Headers.ContentType;
        if (type?.MediaType is not { } mediaType || !PageTypes.Contains(mediaType))
        {
            throw ImportErrors.Refuse(ImportErrors.UnsupportedType);
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw ImportErrors.Refuse(ImportErrors.TooLarge);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var bytes = await ReadAtMostAsync(body, maxBytes, cancellationToken) ?? throw ImportErrors.Refuse(ImportErrors.TooLarge);
        return new FetchedPage(url, mediaType.ToLowerInvariant(), InUtf8(bytes, type.CharSet));
    }

    /// <summary>The whole body, or null as soon as it passes <paramref name="maxBytes"/> (a length header may lie, or be absent).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                return null;
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    /// <summary>
    /// Text in the charset the answer names, as UTF-8, so that reading the stored page later needs no header. Bytes
    /// with a byte order mark (which wins over the header), in UTF-8 or ASCII, or in a charset no one knows stay as
    /// they came: the parsers read UTF-8, and fall back to Latin-1.
    /// </summary>
    private static byte[] InUtf8(byte[] bytes, string? charset)
    {
        if (charset is null || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return bytes;
        }

        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(charset.Trim('"', '\'', ' '));
        }
        catch (ArgumentException)
        {
            return bytes;
        }

        return encoding.CodePage is 65001 or 20127 ? bytes : Encoding.UTF8.GetBytes(encoding.GetString(bytes));
    }

    private static bool IsRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is OutboundAddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
