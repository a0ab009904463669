using Lector.Abstractions;
using Lector.Abstractions.Blobs;
using Microsoft.AspNetCore.Diagnostics;

namespace Lector.WebFront.Errors;

/// <summary>
/// Turns exceptions into problem responses: a <see cref="LectorException"/> into its safe code, an unreadable
/// request body into its 4xx, anything else into a generic 500 whose detail stays in the log.
/// </summary>
public sealed partial class LectorExceptionHandler(ILogger<LectorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            LectorException lector => Problems.From(http, lector),

            // A body that cannot be read as its Content-Type says, is too large, or stalls: the framework's and
            // Kestrel's refusals while the handler reads it, and RequestBody's for the bodies handlers read themselves.
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } => Problems.Create(http, StatusCodes.Status400BadRequest, "request.malformed_body"),
            BadHttpRequestException bad => Problems.ForStatus(http, bad.StatusCode),
            InvalidOperationException when RequestBody.HasUnknownCharset(http.Request) =>
                Problems.ForStatus(http, StatusCodes.Status415UnsupportedMediaType),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            StorageUnavailableException outage => Unavailable(http, outage.Code),
            BlobStoreException { IsTransient: true } => Unavailable(http, StorageUnavailableException.BlobsCode),
            TimeoutException => Unavailable(http, "unavailable"),

            // A silo died or is leaving and the cluster has not moved its grains yet: retrying shortly succeeds.
            SiloUnavailableException or OrleansMessageRejectionException => Unavailable(http, "unavailable"),
            _ => null,
        };
        if (result is null && !http.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(logger, exception, http.Request.Method, http.Request.Path);
            result = Problems.Create(http, StatusCodes.Status500InternalServerError, "internal_error");
        }

        if (result is not null)
        {
            await result.ExecuteAsync(http);
        }

        return true;
    }

    /// <summary>How long a client should wait before retrying an answer that said the service is unavailable.</summary>
    private const string RetryAfterSeconds = "5";

    private static IResult Unavailable(HttpContext http, string code)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        return Problems.Create(http, StatusCodes.Status503ServiceUnavailable, code);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
