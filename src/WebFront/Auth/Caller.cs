using System.Security.Claims;

namespace Lector.WebFront.Auth;

/// <summary>Reads who is calling from the principal the authentication handler built.</summary>
public static class Caller
{
    public const string UserIdClaim = "sub";
    public const string CsrfClaim = "csrf";
    public const string MethodClaim = "amr";
    public const string CookieMethod = "cookie";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(UserIdClaim) ?? throw new InvalidOperationException("The endpoint requires authentication.");

    public static bool ViaCookie(this ClaimsPrincipal user) => user.FindFirstValue(MethodClaim) == CookieMethod;
}
