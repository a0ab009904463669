using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class AuthEndpointsTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task Login_sets_an_HttpOnly_SameSite_Strict_session_cookie_and_me_answers_with_it()
    {
        var email = $"cookie-{Guid.NewGuid():N}@example.test";
        var client = fixture.App.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiUser.Password, displayName = "Ada" })).EnsureSuccessStatusCode();

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiUser.Password });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("lector_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("Ada", me.GetProperty("displayName").GetString());
        Assert.Equal(email, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Registering_an_existing_email_is_a_conflict_and_wrong_passwords_are_refused()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var client = fixture.App.CreateClient();

        var again = await client.PostAsJsonAsync("/api/auth/register", new { email = user.Email.ToUpperInvariant(), password = ApiUser.Password });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "not the password" });
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.test", password = ApiUser.Password });

        await ProblemAssert.IsProblem(again, HttpStatusCode.Conflict, "auth.email_taken");
        await ProblemAssert.IsProblem(wrong, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await ProblemAssert.IsProblem(unknown, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Registration_input_is_validated_field_by_field()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = "not-an-email", password = "short" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Cookie_requests_that_change_state_need_the_csrf_header_and_bearer_requests_do_not()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var document = new { title = "t", text = "Some words." };

        var withoutHeader = await user.Browser.PostAsJsonAsync("/api/documents", document);
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(document) };
        withHeader.Headers.Add("X-CSRF-Token", user.CsrfToken);
        var accepted = await user.Browser.SendAsync(withHeader);
        var bearer = await user.Bearer.PostAsJsonAsync("/api/documents", document);

        await ProblemAssert.IsProblem(withoutHeader, HttpStatusCode.Forbidden, "auth.csrf_failed");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, bearer.StatusCode);
        var csrf = await user.Browser.GetFromJsonAsync<JsonElement>("/api/auth/csrf");
        Assert.Equal(user.CsrfToken, csrf.GetProperty("csrfToken").GetString());
    }

    [Fact]
    public async Task Logout_ends_the_session_for_every_copy_of_the_cookie()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var stolen = user.Cookies.GetCookieHeader(fixture.App.BaseAddress);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("X-CSRF-Token", user.CsrfToken);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Browser.SendAsync(logout)).StatusCode);

        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        replay.Headers.Add("Cookie", stolen);
        using var client = fixture.App.CreateClient();
        await ProblemAssert.IsProblem(await client.SendAsync(replay), HttpStatusCode.Unauthorized, "auth.required");
    }

    [Fact]
    public async Task Api_tokens_are_listed_without_secrets_and_stop_working_when_revoked()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var created = await (await user.Bearer.PostAsJsonAsync("/api/tokens", new { name = "second" })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("token").GetString()!;
        using var second = fixture.App.CreateClient();
        second.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/auth/me")).StatusCode);

        var listing = await user.Bearer.GetStringAsync("/api/tokens");
        Assert.Contains("\"second\"", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/tokens/{created.GetProperty("id").GetString()}")).StatusCode);

        await ProblemAssert.IsProblem(await second.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "auth.required");
        await ProblemAssert.IsProblem(await user.Bearer.DeleteAsync("/api/tokens/unknown"), HttpStatusCode.NotFound, "token.not_found");
    }
}
