using Lector.Abstractions;
using System.Security.Claims;
using Lector.Abstractions.Accounts;

namespace Lector.WebFront.Auth;

/// <summary>
/// Reads who is calling: from the fields of the <see cref="SignedInUser"/> the authentication handler sets, and from the
/// claims of any other principal (so a principal rebuilt by some later step still meets the same checks, CSRF's too).
/// </summary>
public static class Caller
{
    public const string UserIdClaim = "sub";
    public const string CsrfClaim = "csrf";
    public const string MethodClaim = "amr";
    public const string CredentialClaim = "sid";
    public const string CookieMethod = "cookie";
    public const string BearerMethod = "bearer";

    public static string UserId(this ClaimsPrincipal user) =>
        (user as SignedInUser)?.UserId ?? user.FindFirstValue(UserIdClaim) ?? throw NotSignedIn();

    public static bool ViaCookie(this ClaimsPrincipal user) =>
        user is SignedInUser signedIn ? signedIn.ViaCookie : user.FindFirstValue(MethodClaim) == CookieMethod;

    /// <summary>The session's CSRF token, or null when the caller did not sign in with a session.</summary>
    public static string? CsrfToken(this ClaimsPrincipal user) =>
        user is SignedInUser signedIn ? signedIn.CsrfToken : user.FindFirstValue(CsrfClaim);

    /// <summary>The session or API token the caller signed in with.</summary>
    public static ICredentialGrain Credential(this ClaimsPrincipal user, IGrainFactory grains)
    {
        var key = (user as SignedInUser)?.CredentialKey ?? user.FindFirstValue(CredentialClaim) ?? throw NotSignedIn();
        return user.ViaCookie() ? grains.Grain<ISessionGrain>(key) : grains.Grain<IApiTokenGrain>(key);
    }

    /// <summary>An endpoint read the caller without requiring one: a mistake in its conventions, not the client's.</summary>
    private static InvalidOperationException NotSignedIn() => new("The endpoint requires authentication.");
}
