using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Lector.WebFront.Errors;

/// <summary>
/// Reads the bodies handlers parse themselves the way the framework reads the bodies it binds: a body that is not
/// what its Content-Type says (broken JSON, a cut-off or garbled multipart form) becomes a
/// <see cref="BadHttpRequestException"/>, which <see cref="LectorExceptionHandler"/> answers with a 4xx problem.
/// </summary>
public static class RequestBody
{
    /// <summary>The JSON body; null only when there is no body at all. 415 for another content type, 400 for JSON that does not read as <typeparamref name="T"/>.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType() || HasUnknownCharset(request))
        {
            return request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType)
                ? null
                : throw new BadHttpRequestException("Expected a JSON body in a known charset.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted)
                ?? throw new BadHttpRequestException("The JSON body is null.");
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The JSON body could not be read.", e);
        }
    }

    /// <summary>
    /// Whether the Content-Type names a charset .NET has no encoding for. Reading such a JSON body throws an
    /// <see cref="InvalidOperationException"/>, also where the framework binds it, before any handler runs.
    /// </summary>
    public static bool HasUnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || contentType.Charset.Length == 0)
        {
            return false;
        }

        try
        {
            Encoding.GetEncoding(contentType.Charset.ToString());
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>The multipart or URL-encoded form; 400 when the body does not parse as one.</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException and not BadHttpRequestException && !request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // The multipart reader's "unexpected end of stream": a body cut off or without its closing boundary.
            // Kestrel's own refusals (too large, cut-off content) are already BadHttpRequestExceptions and pass as they are.
            throw new BadHttpRequestException("The form body could not be read.", e);
        }
    }
}
