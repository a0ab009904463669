using System.Text;
using Microsoft.Net.Http.Headers;

namespace Lector.WebFront.Errors;

/// <summary>
/// Reads the one body a handler reads itself (an upload's form, whose size limit is set before it is read) the way the
/// framework reads the bodies it binds: a cut-off or garbled multipart form becomes a <see cref="BadHttpRequestException"/>,
/// which <see cref="LectorExceptionHandler"/> answers with a 4xx problem.
/// </summary>
public static class RequestBody
{
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
