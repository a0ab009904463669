using System.Security.Claims;
using Lector.Abstractions.Accounts;

namespace Lector.WebFront.Auth;

/// <summary>
/// The caller a session or API token signs in. It is built once per credential and kept with it by
/// <see cref="CachedCredentials"/>, so an authenticated request builds no claims, and <see cref="Caller"/> reads who is
/// calling from fields instead of searching the claims on every use. Every request with the credential shares the one
/// instance, so nothing changes it after it is built. The claims stay for the platform's own readers.
/// </summary>
public sealed class SignedInUser : ClaimsPrincipal
{
    public SignedInUser(Principal principal, string method, string credentialKey)
        : base(new ClaimsIdentity(ClaimsOf(principal, method, credentialKey), LectorAuthenticationHandler.SchemeName, Caller.UserIdClaim, null))
    {
        UserId = principal.UserId;
        CsrfToken = principal.CsrfToken;
        ValidUntil = principal.ValidUntil;
        ViaCookie = method == Caller.CookieMethod;
        CredentialKey = credentialKey;
    }

    public string UserId { get; }

    /// <summary>The session's token that state-changing browser calls must echo; null for API tokens.</summary>
    public string? CsrfToken { get; }

    /// <summary>When the session expires; null for API tokens, which do not.</summary>
    public DateTimeOffset? ValidUntil { get; }

    public bool ViaCookie { get; }

    /// <summary>The key of the session's or token's grain.</summary>
    public string CredentialKey { get; }

    private static List<Claim> ClaimsOf(Principal principal, string method, string credentialKey)
    {
        var claims = new List<Claim>
        {
            new(Caller.UserIdClaim, principal.UserId),
            new(Caller.MethodClaim, method),
            new(Caller.CredentialClaim, credentialKey),
        };
        if (principal.CsrfToken is { } csrf)
        {
            claims.Add(new Claim(Caller.CsrfClaim, csrf));
        }

        return claims;
    }
}
