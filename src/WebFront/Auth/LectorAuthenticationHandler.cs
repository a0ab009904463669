using Lector.Abstractions;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Lector.Abstractions.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Auth;

/// <summary>
/// Authenticates by API token (<c>Authorization: Bearer</c>) or by session cookie. Both are looked up by
/// their hash in grains, through this front's <see cref="CachedCredentials"/>, to which every end is pushed, so a
/// revoked token or ended session stops working on every web front at once.
/// </summary>
public sealed class LectorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IClusterClient cluster,
    CachedCredentials credentials) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Lector";
    public const string SessionCookie = "lector_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            var tokenKey = token.Length is > 0 and <= 256 ? Secrets.Hash(token) : null;
            var principal = tokenKey is null ? null : await credentials.GetAsync(tokenKey, () => cluster.Grain<IApiTokenGrain>(tokenKey).Authenticate());
            return principal is null ? AuthenticateResult.Fail("Invalid token.") : Success(principal, Caller.BearerMethod, tokenKey!);
        }

        if (Request.Cookies.TryGetValue(SessionCookie, out var session) && session.Length is > 0 and <= 256)
        {
            var sessionKey = Secrets.Hash(session);
            var principal = await credentials.GetAsync(sessionKey, () => cluster.Grain<ISessionGrain>(sessionKey).Validate());
            return principal is null ? AuthenticateResult.NoResult() : Success(principal, Caller.CookieMethod, sessionKey);
        }

        return AuthenticateResult.NoResult();
    }

    /// <param name="credentialKey">The key of the session's or token's grain, so long-lived answers can watch it end.</param>
    private static AuthenticateResult Success(Principal principal, string method, string credentialKey)
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

        var identity = new ClaimsIdentity(claims, SchemeName, Caller.UserIdClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
