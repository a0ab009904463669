using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Lector.WebFront.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.WebFront.Tests.Auth;

/// <summary>A known session or token costs a request no grain call, and its end is refused at once all the same.</summary>
public sealed class CachedCredentialsTests
{
    [Fact]
    public async Task A_known_token_or_session_asks_no_grain_and_a_revoked_or_signed_out_one_is_refused_at_once()
    {
        var lookups = new CredentialLookups();
        await using var app = await LectorApp.StartAsync(builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(lookups));
        var user = await KeptUserAsync(app, lookups);
        var before = lookups.Count;
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.Bearer.GetAsync("/api/auth/me")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await user.Browser.GetAsync("/api/auth/me")).StatusCode);
        }

        Assert.Equal(before, lookups.Count);

        // Revoked through the browser session: the very next bearer request is refused.
        var tokens = await user.Browser.GetFromJsonAsync<JsonElement>("/api/tokens");
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/api/tokens/{tokens[0].GetProperty("id").GetString()}");
        revoke.Headers.Add("X-CSRF-Token", user.CsrfToken);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Browser.SendAsync(revoke)).StatusCode);
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "auth.required");

        // Signed out: the same cookie, sent again, signs nobody in.
        var cookie = user.Cookies.GetCookieHeader(app.BaseAddress);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("X-CSRF-Token", user.CsrfToken);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Browser.SendAsync(logout)).StatusCode);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        replay.Headers.Add("Cookie", cookie);
        using var anonymous = app.CreateClient();
        await ProblemAssert.IsProblem(await anonymous.SendAsync(replay), HttpStatusCode.Unauthorized, "auth.required");
    }

    [Fact]
    public async Task A_kept_credential_counts_only_the_way_it_was_presented()
    {
        var lookups = new CredentialLookups();
        await using var app = await LectorApp.StartAsync(builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(lookups));
        var user = await KeptUserAsync(app, lookups);
        var token = user.Bearer.DefaultRequestHeaders.Authorization!.Parameter!;
        var session = user.Cookies.GetCookies(app.BaseAddress)[LectorAuthenticationHandler.SessionCookie]!.Value;
        using var anonymous = app.CreateClient();

        // The token as a session cookie, on a call that would need the session's CSRF token: no session has that key.
        using var tokenAsCookie = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "smuggled" }) };
        tokenAsCookie.Headers.Add("Cookie", $"{LectorAuthenticationHandler.SessionCookie}={token}");
        await ProblemAssert.IsProblem(await anonymous.SendAsync(tokenAsCookie), HttpStatusCode.Unauthorized, "auth.required");

        // The session as a bearer token: no token has that key.
        using var sessionAsBearer = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        sessionAsBearer.Headers.Authorization = new("Bearer", session);
        await ProblemAssert.IsProblem(await anonymous.SendAsync(sessionAsBearer), HttpStatusCode.Unauthorized, "auth.required");
    }

    /// <summary>
    /// A new user whose token and session the front keeps: kept once the front has subscribed to credential ends
    /// (within a second or so of starting), after which a request asks no grain.
    /// </summary>
    private static async Task<ApiUser> KeptUserAsync(LectorApp app, CredentialLookups lookups)
    {
        var user = await ApiUser.CreateAsync(app);
        await WaitUntilKeptAsync(lookups, () => user.Bearer.GetAsync("/api/auth/me"));
        await WaitUntilKeptAsync(lookups, () => user.Browser.GetAsync("/api/auth/me"));
        return user;
    }

    private static async Task WaitUntilKeptAsync(CredentialLookups lookups, Func<Task<HttpResponseMessage>> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            (await request()).EnsureSuccessStatusCode();
            var before = lookups.Count;
            (await request()).EnsureSuccessStatusCode();
            if (lookups.Count == before)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The front kept asking the token's grain for 30 s: it never kept the credential.");
            await Task.Delay(100);
        }
    }

    /// <summary>Counts the calls that look a session or token up.</summary>
    private sealed class CredentialLookups : IIncomingGrainCallFilter
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod.Name is "Authenticate" or "Validate")
            {
                Interlocked.Increment(ref _count);
            }

            return context.Invoke();
        }
    }
}
