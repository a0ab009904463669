using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Lector.WebFront.Auth;

/// <summary>
/// Authenticates by API token (<c>Authorization: Bearer</c>) or by session cookie. Both are looked up by
/// their hash in grains, through this front's <see cref="CachedCredentials"/>, to which every end is pushed, so a
/// revoked token or ended session stops working on every web front at once.
/// </summary>
/// <remarks>
/// A plain <see cref="IAuthenticationHandler"/>, made for each request: the framework's handler base class reads its
/// options, makes a logger and an events object for every request, none of which this scheme has a use for. A
/// challenge is a bare 401 and a refusal a bare 403; the status-code pages give both their problem body.
/// </remarks>
public sealed class LectorAuthenticationHandler(IClusterClient cluster, CachedCredentials credentials) : IAuthenticationHandler
{
    public const string SchemeName = "Lector";
    public const string SessionCookie = "lector_session";

    private const string BearerPrefix = "Bearer ";

    /// <summary>Longer than any credential Lector issues: such a value is refused without hashing it.</summary>
    private const int MaxCredentialLength = 256;

    private HttpContext _http = null!;
    private Task<AuthenticateResult>? _result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _http = context;
        return Task.CompletedTask;
    }

    /// <summary>Looks the credential up once per request, however often it is asked.</summary>
    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= LookUpAsync();

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        _http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private async Task<AuthenticateResult> LookUpAsync()
    {
        var request = _http.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[BearerPrefix.Length..].Trim();
            var tokenKey = IsPlausible(token) ? Secrets.Hash(token) : null;
            var user = tokenKey is null ? null : await credentials.GetAsync(tokenKey, Caller.BearerMethod, () => cluster.Grain<IApiTokenGrain>(tokenKey).Authenticate());
            return user is null ? AuthenticateResult.Fail("Invalid token.") : Success(user);
        }

        if (request.Cookies.TryGetValue(SessionCookie, out var session) && IsPlausible(session))
        {
            var sessionKey = Secrets.Hash(session);
            var user = await credentials.GetAsync(sessionKey, Caller.CookieMethod, () => cluster.Grain<ISessionGrain>(sessionKey).Validate());
            return user is null ? AuthenticateResult.NoResult() : Success(user);
        }

        return AuthenticateResult.NoResult();
    }

    private static bool IsPlausible(string credential) => credential.Length is > 0 and <= MaxCredentialLength;

    private static AuthenticateResult Success(SignedInUser user) => AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));
}
