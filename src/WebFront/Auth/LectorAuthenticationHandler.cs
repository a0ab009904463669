using Lector.Abstractions;
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
            var user = tokenKey is null ? null : await credentials.GetAsync(tokenKey, Caller.BearerMethod, () => cluster.Grain<IApiTokenGrain>(tokenKey).Authenticate());
            return user is null ? AuthenticateResult.Fail("Invalid token.") : Success(user);
        }

        if (Request.Cookies.TryGetValue(SessionCookie, out var session) && session.Length is > 0 and <= 256)
        {
            var sessionKey = Secrets.Hash(session);
            var user = await credentials.GetAsync(sessionKey, Caller.CookieMethod, () => cluster.Grain<ISessionGrain>(sessionKey).Validate());
            return user is null ? AuthenticateResult.NoResult() : Success(user);
        }

        return AuthenticateResult.NoResult();
    }

    private static AuthenticateResult Success(SignedInUser user) => AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));
}
