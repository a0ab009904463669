using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;

namespace Lector.WebFront.Tests;

/// <summary>A registered user with a bearer-token client and a cookie client, as a program and a browser would call.</summary>
public sealed class ApiUser
{
    private ApiUser(string email, string id, HttpClient bearer, HttpClient browser, string csrfToken, CookieContainer cookies)
    {
        Email = email;
        Id = id;
        Bearer = bearer;
        Browser = browser;
        CsrfToken = csrfToken;
        Cookies = cookies;
    }

    public const string Password = "correct horse battery staple";

    public string Email { get; }

    public string Id { get; }

    /// <summary>Authenticated with an API token.</summary>
    public HttpClient Bearer { get; }

    /// <summary>Authenticated with the session cookie; no CSRF header by default.</summary>
    public HttpClient Browser { get; }

    public string CsrfToken { get; }

    public CookieContainer Cookies { get; }

    public static async Task<ApiUser> CreateAsync(LectorApp app, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        return await LoginAsync(app, email);
    }

    /// <summary>Signs in an existing user (password <see cref="Password"/>) and creates an API token.</summary>
    public static async Task<ApiUser> LoginAsync(LectorApp app, string email)
    {
        var cookies = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var session = await login.Content.ReadFromJsonAsync<JsonElement>();
        var csrf = session.GetProperty("csrfToken").GetString()!;

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "tests" }) };
        create.Headers.Add("X-CSRF-Token", csrf);
        var token = await (await browser.SendAsync(create)).Content.ReadFromJsonAsync<JsonElement>();
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        return new ApiUser(email, session.GetProperty("id").GetString()!, bearer, browser, csrf, cookies);
    }

    /// <summary>Posts pasted text and waits until the document is no longer processing.</summary>
    public async Task<string> CreateDocumentAsync(string text, string title = "Test document")
    {
        var response = await Bearer.PostAsJsonAsync("/api/documents", new { title, text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForDocumentAsync(id);
        return id;
    }

    public async Task<JsonElement> WaitForDocumentAsync(string id)
    {
        for (var i = 0; i < 300; i++)
        {
            var document = await Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
            if (document.GetProperty("status").GetString() != "processing")
            {
                return document;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The document stayed in processing.");
    }

    public async Task<JsonElement> WaitForAudioAsync(string audioId)
    {
        for (var i = 0; i < 600; i++)
        {
            var audio = await Bearer.GetFromJsonAsync<JsonElement>($"/api/audio/{audioId}");
            if (audio.GetProperty("status").GetString() is "completed" or "failed")
            {
                return audio;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The audio did not finish.");
    }
}
