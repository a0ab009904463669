using System.Diagnostics;
using Lector.Abstractions;

namespace Lector.WebFront.Errors;

/// <summary>Builds RFC 9457 problem responses with Lector's stable <c>code</c> and a trace id.</summary>
public static class Problems
{
    public static IResult Create(HttpContext http, int status, string code, IDictionary<string, string[]>? errors = null)
    {
        var (title, detail) = ErrorTexts.For(code, http.Request);
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = code,
            ["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier,
        };
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }

        return Results.Problem(detail, type: $"https://lector.example/problems/{code}", title: title, statusCode: status, extensions: extensions);
    }

    /// <summary>A problem for a refusal that carries nothing but its status: Kestrel's, the framework's, or a middleware's.</summary>
    public static IResult ForStatus(HttpContext http, int status) => Create(http, status, CodeOf(status));

    /// <summary>The stable code of an answer known only by its status.</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "auth.required",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status408RequestTimeout => "request.timeout",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status414UriTooLong => "request.uri_too_long",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "request.headers_too_large",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 500 => "internal_error",
        _ => "error",
    };

    public static IResult Validation(HttpContext http, IDictionary<string, string[]> errors) =>
        Create(http, StatusCodes.Status400BadRequest, "validation", errors);

    public static IResult From(HttpContext http, LectorException exception) => exception.Kind switch
    {
        ErrorKind.Validation => Validation(http, exception.Errors?.ToDictionary() ?? new Dictionary<string, string[]> { [exception.Field ?? "request"] = [exception.Code] }),
        _ => Create(http, StatusOf(exception.Kind), exception.Code),
    };

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict or ErrorKind.QuotaExceeded => StatusCodes.Status409Conflict,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };
}
