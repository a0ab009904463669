using Lector.WebFront.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lector.WebFront.Limits;

/// <summary>
/// Kestrel refuses a request line or header section over its limits itself, before any middleware runs, with an
/// empty body and no way to change it. So Lector checks Kestrel's usual limits here, where it can answer problem+json
/// (414 <c>request.uri_too_long</c>, 431 <c>request.headers_too_large</c>), and raises Kestrel's own to twice those:
/// only heads larger still get Kestrel's bare answer.
/// </summary>
public static class RequestHeadLimits
{
    /// <summary>The longest path and query; Kestrel's default request line is 8 KiB.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>All header lines together, as Kestrel counts them by default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public const int MaxHeaderCount = 100;

    public static IServiceCollection AddRequestHeadLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 2 * MaxTargetLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
        });

    public static IApplicationBuilder UseRequestHeadLimits(this IApplicationBuilder app) =>
        app.Use((http, next) => RefusalOf(http) is { } status ? Problems.ForStatus(http, status).ExecuteAsync(http) : next(http));

    private static int? RefusalOf(HttpContext http)
    {
        if (http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Length > MaxTargetLength)
        {
            return StatusCodes.Status414UriTooLong;
        }

        var lines = 0;
        var bytes = 0;
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                lines++;
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return lines > MaxHeaderCount || bytes > MaxHeaderBytes ? StatusCodes.Status431RequestHeaderFieldsTooLarge : null;
    }
}
