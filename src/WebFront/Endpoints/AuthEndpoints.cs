using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;
using Lector.WebFront.Security;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Endpoints;

public static class AuthEndpoints
{
    public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record UserResponse(string Id, string Email, string DisplayName, bool IsAdmin);

    /// <summary>The same answer whether the address was new or already registered; <see cref="Email"/> is the address as Lector keeps it.</summary>
    public sealed record RegistrationResponse(string Email);

    public sealed record LoginResponse(string Id, string Email, string DisplayName, bool IsAdmin, string CsrfToken);

    public sealed record CsrfResponse(string CsrfToken);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/register", Register).WithSummary("Register an account").Audit("auth.register", "account", (c, _) => Email(c.GetArgument<RegisterRequest>(0).Email))
            .RateLimitedPerClient("registrations", o => o.Registrations)
            .Produces<RegistrationResponse>(StatusCodes.Status202Accepted).ProducesProblems(400, 409);
        auth.MapPost("/login", Login).WithSummary("Sign in with e-mail and password").Audit("auth.login", "account", (c, _) => Email(c.GetArgument<LoginRequest>(0).Email))
            .RateLimitedPerClient("logins", o => o.Logins).Produces<LoginResponse>().ProducesProblems(400, 401);
        auth.MapPost("/logout", Logout).WithSummary("Sign out").RequireSignedIn().RequireCsrfToken().Produces(StatusCodes.Status204NoContent);
        auth.MapGet("/me", Me).WithSummary("Read the signed-in account").RequireSignedIn().Produces<UserResponse>();
        auth.MapGet("/csrf", Csrf).WithSummary("Read the session's CSRF token").RequireSignedIn().Produces<CsrfResponse>();
    }

    /// <summary>
    /// 202 for a new address and for a taken one alike (its holder is notified instead), so registering tells no one
    /// which addresses have accounts; the caller signs in next.
    /// </summary>
    private static async Task<IResult> Register(RegisterRequest body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var email = input.Email(body.Email, "email");
        var password = input.Text(body.Password, "password", 10, 1024);
        var displayName = input.Text(body.DisplayName?.Trim() ?? email.Split('@')[0], "displayName", 1, 100);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        if (await cluster.Grain<IAccountGrain>(email).Register(email, password, displayName) is { } profile)
        {
            http.SetAuditActor(profile.Id);
        }

        return TypedResults.Accepted((string?)null, new RegistrationResponse(email));
    }

    private static async Task<IResult> Login(LoginRequest body, HttpContext http, IClusterClient cluster, IOptions<AuthOptions> options)
    {
        var input = new RequestValidator();
        var email = input.Text(Email(body.Email), "email", 1, 254);
        var password = input.Text(body.Password, "password", 1, 1024);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        var attempt = await cluster.Grain<IAccountGrain>(email).SignIn(password, http.ClientPartition());
        if (attempt.RetryAfter > TimeSpan.Zero)
        {
            return RateLimit.TooManyRequests(http, attempt.RetryAfter);
        }

        if (attempt.UserId is not { } userId)
        {
            return Problems.Create(http, StatusCodes.Status401Unauthorized, "auth.invalid_credentials");
        }

        http.SetAuditActor(userId);

        var user = cluster.Grain<IUserGrain>(userId);
        var profile = (await user.GetProfile())!;
        var session = await user.StartSession();
        http.Response.Cookies.Append(LectorAuthenticationHandler.SessionCookie, session.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps || options.Value.RequireHttps,
            Path = "/",
            Expires = session.ExpiresAt,
            IsEssential = true,
        });
        var isAdmin = options.Value.IsAdmin(profile.Email);
        return Results.Ok(new LoginResponse(profile.Id, profile.Email, profile.DisplayName, isAdmin, session.CsrfToken));
    }

    private static async Task<IResult> Logout(HttpContext http, IClusterClient cluster)
    {
        if (http.Request.Cookies.TryGetValue(LectorAuthenticationHandler.SessionCookie, out var session))
        {
            await cluster.Grain<ISessionGrain>(Secrets.Hash(session)).Close();
        }

        http.Response.Cookies.Delete(LectorAuthenticationHandler.SessionCookie, new CookieOptions { Path = "/" });
        return Results.NoContent();
    }

    private static async Task<IResult> Me(HttpContext http, IClusterClient cluster, IOptions<AuthOptions> options)
    {
        var profile = await cluster.Grain<IUserGrain>(http.User.UserId()).GetProfile();
        return profile is null
            ? Problems.Create(http, StatusCodes.Status401Unauthorized, "auth.required")
            : Results.Ok(ToResponse(profile, options.Value));
    }

    private static IResult Csrf(HttpContext http) =>
        http.User.CsrfToken() is { } csrf
            ? Results.Ok(new CsrfResponse(csrf))
            : Problems.Create(http, StatusCodes.Status401Unauthorized, "auth.required");

    /// <summary>The account an attempt was about, as the account grain keys it.</summary>
    private static string Email(string? raw) => EmailAddresses.Normalize(raw ?? "");

    private static UserResponse ToResponse(UserProfile profile, AuthOptions options) =>
        new(profile.Id, profile.Email, profile.DisplayName, options.IsAdmin(profile.Email));
}
