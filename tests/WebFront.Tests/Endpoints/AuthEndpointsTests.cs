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
    public async Task Registering_a_taken_email_answers_exactly_like_a_new_one_and_tells_its_holder()
    {
        var holder = await ApiUser.CreateAsync(fixture.App);
        var fresh = $"fresh-{Guid.NewGuid():N}@example.test";
        using var client = fixture.App.CreateClient();

        var taken = await client.PostAsJsonAsync("/api/auth/register", new { email = holder.Email.ToUpperInvariant(), password = "someone else's password" });
        var created = await client.PostAsJsonAsync("/api/auth/register", new { email = fresh.ToUpperInvariant(), password = ApiUser.Password });

        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(taken.Content.Headers.ContentType?.ToString(), created.Content.Headers.ContentType?.ToString());
        Assert.Equal(taken.Headers.Location, created.Headers.Location);
        Assert.Equal(JsonSerializer.Serialize(new { email = holder.Email }), await taken.Content.ReadAsStringAsync());
        Assert.Equal(JsonSerializer.Serialize(new { email = fresh }), await created.Content.ReadAsStringAsync());

        // Only the holder's password opens the taken account; the new one opens with its own.
        await ProblemAssert.IsProblem(
            await client.PostAsJsonAsync("/api/auth/login", new { email = holder.Email, password = "someone else's password" }),
            HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await ProblemAssert.IsProblem(
            await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.test", password = ApiUser.Password }),
            HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = fresh, password = ApiUser.Password })).StatusCode);
        var notice = Assert.Single((await holder.Bearer.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items").EnumerateArray());
        Assert.Equal("account.registration_attempt", notice.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Full_width_and_look_alike_spellings_of_an_account_s_email_never_make_a_second_account()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var holder = await ApiUser.CreateAsync(fixture.App, $"ada-{unique}@example.test");
        using var client = fixture.App.CreateClient();
        var fullWidth = string.Concat(holder.Email.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c));

        var wide = await client.PostAsJsonAsync("/api/auth/register", new { email = fullWidth, password = "a full-width password" });
        var cyrillic = await client.PostAsJsonAsync("/api/auth/register", new { email = holder.Email.Replace('a', 'а'), password = ApiUser.Password });

        Assert.Equal(HttpStatusCode.Accepted, wide.StatusCode);
        Assert.Equal(holder.Email, (await wide.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        await ProblemAssert.IsProblem(cyrillic, HttpStatusCode.Conflict, "auth.email_confusable");
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = fullWidth, password = ApiUser.Password });
        Assert.Equal(holder.Id, (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
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
