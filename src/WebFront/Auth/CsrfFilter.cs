using Lector.Abstractions.Accounts;
using Lector.WebFront.Audit;
using Lector.WebFront.Errors;

namespace Lector.WebFront.Auth;

/// <summary>
/// A cookie-authenticated state-changing request must echo the session's CSRF token in <c>X-CSRF-Token</c>:
/// another site can make the browser send the cookie, but cannot read the token. Bearer calls are exempt.
/// </summary>
public sealed class CsrfFilter : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-Token";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (AccessConventions.ChangesState(http.Request.Method) && http.User.ViaCookie())
        {
            var expected = http.User.CsrfToken() ?? "";
            var sent = http.Request.Headers[HeaderName].ToString();
            if (expected.Length == 0 || !Secrets.FixedTimeEquals(expected, sent))
            {
                Refusals.Record(http, Refusals.Csrf);
                return ValueTask.FromResult<object?>(Problems.Create(http, StatusCodes.Status403Forbidden, "auth.csrf_failed"));
            }
        }

        return next(context);
    }
}
