using System.Security.Claims;
using System.Text.Encodings.Web;
using Lector.Abstractions.Accounts;
using Lector.Grains.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Auth;

/// <summary>
/// Authenticates by API token (<c>Authorization: Bearer</c>) or by session cookie. Both are looked up by
/// their hash in grains, so a revoked token or ended session stops working on every web front at once.
/// </summary>
public sealed class LectorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IClusterClient cluster) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Lector";
    public const string SessionCookie = "lector_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            var principal = token.Length is > 0 and <= 256
                ? await cluster.GetGrain<IApiTokenGrain>(Secrets.Hash(token)).Authenticate()
                : null;
            return principal is null ? AuthenticateResult.Fail("Invalid token.") : Success(principal, "bearer");
        }

        if (Request.Cookies.TryGetValue(SessionCookie, out var session) && session.Length is > 0 and <= 256)
        {
            var principal = await cluster.GetGrain<ISessionGrain>(Secrets.Hash(session)).Validate();
            return principal is null ? AuthenticateResult.NoResult() : Success(principal, Caller.CookieMethod);
        }

        return AuthenticateResult.NoResult();
    }

    private AuthenticateResult Success(Principal principal, string method)
    {
        var claims = new List<Claim> { new(Caller.UserIdClaim, principal.UserId), new(Caller.MethodClaim, method) };
        if (principal.CsrfToken is { } csrf)
        {
            claims.Add(new Claim(Caller.CsrfClaim, csrf));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, Caller.UserIdClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
