using Lector.Abstractions;
using System.Security.Claims;
using Lector.Abstractions.Accounts;

namespace Lector.WebFront.Auth;

/// <summary>Reads who is calling from the principal the authentication handler built.</summary>
public static class Caller
{
    public const string UserIdClaim = "sub";
    public const string CsrfClaim = "csrf";
    public const string MethodClaim = "amr";
    public const string CredentialClaim = "sid";
    public const string CookieMethod = "cookie";
    public const string BearerMethod = "bearer";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(UserIdClaim) ?? throw new InvalidOperationException("The endpoint requires authentication.");

    public static bool ViaCookie(this ClaimsPrincipal user) => user.FindFirstValue(MethodClaim) == CookieMethod;

    /// <summary>The session or API token the caller signed in with.</summary>
    public static ICredentialGrain Credential(this ClaimsPrincipal user, IGrainFactory grains)
    {
        var key = user.FindFirstValue(CredentialClaim) ?? throw new InvalidOperationException("The endpoint requires authentication.");
        return user.ViaCookie() ? grains.Grain<ISessionGrain>(key) : grains.Grain<IApiTokenGrain>(key);
    }
}
