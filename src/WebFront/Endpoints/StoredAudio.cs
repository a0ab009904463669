using System.Security.Cryptography;
using System.Text;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Microsoft.Net.Http.Headers;

namespace Lector.WebFront.Endpoints;

/// <summary>Answers with audio bytes from the blob store, for endpoints whose grain has already cleared the caller.</summary>
internal static class StoredAudio
{
    /// <summary>
    /// As <see cref="ServeAsync"/>, as an attachment named <c>{id}.{format}</c> when the caller asked to download it
    /// (<c>?download=true</c>) rather than to play it.
    /// </summary>
    public static Task<IResult> ServeOrDownloadAsync(HttpContext http, IBlobStore blobs, AudioContent content, string id, string missingCode) =>
        ServeAsync(http, blobs, content, IsDownload(http) ? $"{id}.{content.Format}" : null, missingCode);

    private static bool IsDownload(HttpContext http) => http.Request.Query["download"] == "true";

    /// <summary>
    /// The audit action of a request for <paramref name="resource"/>'s bytes (<c>audio.play</c>, <c>export.download</c>...). A
    /// player fetches one playback in many ranges; only the request that starts it is recorded (null skips the others).
    /// </summary>
    public static Func<HttpContext, string?> ContentAction(string resource) => http =>
    {
        var range = http.Request.Headers.Range.ToString();
        return range.Length > 0 && !range.StartsWith("bytes=0-", StringComparison.Ordinal) ? null
            : IsDownload(http) ? $"{resource}.download"
            : $"{resource}.play";
    };

    /// <summary>
    /// A redirect to the store's short-lived URL where it hands one out; otherwise the bytes, with range support and
    /// a strong validator. <paramref name="missingCode"/> answers 404 when the blob is gone.
    /// </summary>
    public static async Task<IResult> ServeAsync(HttpContext http, IBlobStore blobs, AudioContent content, string? downloadName, string missingCode)
    {
        if (await blobs.GetReadUrlAsync(content.BlobKey, content.ContentType, http.RequestAborted) is { } readUrl)
        {
            // The URL is short-lived and carries its own authorization: neither it nor the redirect may be cached.
            http.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(readUrl.AbsoluteUri);
        }

        // The store's stream is seekable and fetches from the position read, so range requests stay ranged.
        var stream = await blobs.OpenReadAsync(content.BlobKey, http.RequestAborted) ?? throw LectorException.NotFound(missingCode);

        // The blob key names one immutable rendering, so it doubles as a strong validator.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.BlobKey)))[..20]}\"");
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.Stream(stream, content.ContentType, fileDownloadName: downloadName, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>The speech marks (JSON) stored under <paramref name="marksBlobKey"/>; <c>audio.no_marks</c> when the blob is gone.</summary>
    public static async Task<IResult> ServeMarksAsync(HttpContext http, IBlobStore blobs, string marksBlobKey)
    {
        var stream = await blobs.OpenReadAsync(marksBlobKey, http.RequestAborted) ?? throw LectorException.NotFound("audio.no_marks");
        return Results.Stream(stream, "application/json");
    }
}
