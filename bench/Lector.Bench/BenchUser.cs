using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;

namespace Lector.Bench;

/// <summary>A registered user of a running host and its API token, as a program calling the API would have.</summary>
public sealed class BenchUser
{
    private const string Password = "benchmark password 1234";

    private BenchUser(string id, string token, HttpClient client)
    {
        Id = id;
        Token = token;
        Client = client;
    }

    public string Id { get; }

    public string Token { get; }

    /// <summary>Authenticated with the token; for set-up and polling, not for measured load.</summary>
    public HttpClient Client { get; }

    public static async Task<BenchUser> CreateAsync(LectorApp app)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var session = await login.Content.ReadFromJsonAsync<JsonElement>();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "bench" }) };
        create.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        var created = await anonymous.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var client = LoadDriver.CreateClient(app.BaseAddress, 16, token);
        return new BenchUser(session.GetProperty("id").GetString()!, token, client);
    }

    /// <summary>Posts pasted text; the document is accepted and ingested in the background.</summary>
    public async Task<string> PostDocumentAsync(string title, string text)
    {
        var response = await Client.PostAsJsonAsync("/api/documents", new { title, text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Waits until the document is ingested; returns its page count.</summary>
    public async Task<int> WaitForDocumentAsync(string id)
    {
        for (var i = 0; i < 1200; i++)
        {
            var document = await Client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
            switch (document.GetProperty("status").GetString())
            {
                case "ready":
                    return document.GetProperty("pageCount").GetInt32();
                case "failed":
                    throw new InvalidOperationException($"Document {id} failed to ingest.");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Document {id} stayed in processing.");
    }

    public async Task<string> PageTextAsync(string documentId, int page) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}/pages/{page}")).GetProperty("text").GetString()!;

    public HttpRequestMessage RequestAudio(string documentId, int page, string voice) =>
        new(HttpMethod.Post, $"/api/documents/{documentId}/pages/{page}/audio") { Content = JsonContent.Create(new { voice }) };

    /// <summary>The first voice of the engine whose language starts with <paramref name="language"/>.</summary>
    public async Task<string> VoiceAsync(string engine, string language)
    {
        var voices = await Client.GetFromJsonAsync<JsonElement>($"/api/voices?engine={engine}");
        return voices.EnumerateArray()
            .Select(v => v.GetProperty("id").GetString()!)
            .Where(id => id.StartsWith($"{engine}:{language}", StringComparison.OrdinalIgnoreCase))
            .OrderBy(id => id.Length)
            .First();
    }
}
