namespace Lector.WebFront.Security;

/// <summary>Response headers that keep browsers strict: no sniffing, no framing, no inline script, no stray features.</summary>
public static class SecurityHeaders
{
    /// <summary>Everything from this origin only; audio may also come from a presigned blob-store URL.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob: https: http:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page is a third-party single-page app that configures itself with an inline script.</summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public const string ApiReferencePath = "/api-reference";

    /// <summary>
    /// Sets the headers as the response starts rather than as the request arrives: the error handler clears the
    /// headers of a response it replaces (404s, 409s and 500s from exceptions), and whatever answers last gets them.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(AddAsync, http);
            return next(http);
        });

    private static Task AddAsync(object state)
    {
        var http = (HttpContext)state;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy : ContentSecurityPolicy;
        if (http.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        return Task.CompletedTask;
    }
}
