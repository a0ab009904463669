using Lector.Abstractions;
using System.Security.Claims;
using Lector.Abstractions.Accounts;

namespace Lector.WebFront.Auth;

/// <summary>Reads who is calling from the <see cref="SignedInUser"/> the authentication handler set.</summary>
public static class Caller
{
    public const string UserIdClaim = "sub";
    public const string CsrfClaim = "csrf";
    public const string MethodClaim = "amr";
    public const string CredentialClaim = "sid";
    public const string CookieMethod = "cookie";
    public const string BearerMethod = "bearer";

    public static string UserId(this ClaimsPrincipal user) => SignedIn(user).UserId;

    public static bool ViaCookie(this ClaimsPrincipal user) => user is SignedInUser { ViaCookie: true };

    /// <summary>The session's CSRF token, or null when the caller did not sign in with a session.</summary>
    public static string? CsrfToken(this ClaimsPrincipal user) => (user as SignedInUser)?.CsrfToken;

    /// <summary>The session or API token the caller signed in with.</summary>
    public static ICredentialGrain Credential(this ClaimsPrincipal user, IGrainFactory grains)
    {
        var signedIn = SignedIn(user);
        return signedIn.ViaCookie ? grains.Grain<ISessionGrain>(signedIn.CredentialKey) : grains.Grain<IApiTokenGrain>(signedIn.CredentialKey);
    }

    private static SignedInUser SignedIn(ClaimsPrincipal user) =>
        user as SignedInUser ?? throw new InvalidOperationException("The endpoint requires authentication.");
}
