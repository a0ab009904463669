using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Abstractions.Audio;

namespace Lector.Silo.Tests;

/// <summary>What the host-process tests do through the public API: sign up, add documents, request and await audio.</summary>
internal static class ApiSession
{
    public static async Task<string> RegisterAndCreateTokenAsync(HttpClient client, string? email = null)
    {
        email ??= $"restart-{Guid.NewGuid():N}@example.test";
        const string password = "a long enough password";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "e2e" }) };
        request.Headers.Add("X-CSRF-Token", login.GetProperty("csrfToken").GetString());
        var token = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return token.GetProperty("token").GetString()!;
    }

    public static async Task<string> CreateDocumentAsync(HttpClient client, string text, int? expectedPages = null)
    {
        var created = await (await client.PostAsJsonAsync("/api/documents", new { title = "Restart", text })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        for (var i = 0; i < 300; i++)
        {
            var document = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
            if (document.GetProperty("status").GetString() == "ready")
            {
                if (expectedPages is { } pages)
                {
                    Assert.Equal(pages, document.GetProperty("pageCount").GetInt32());
                }

                return id;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The document did not become ready.");
    }

    public static async Task<string> RequestAudioAsync(HttpClient client, string documentId, int page, string voice)
    {
        var response = await client.PostAsJsonAsync($"/api/documents/{documentId}/pages/{page}/audio", new { voice });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Asks for every page of the document in the voice, as the "read the whole document" button does.</summary>
    public static async Task RequestDocumentAudioAsync(HttpClient client, string documentId, string voice)
    {
        var response = await client.PostAsJsonAsync($"/api/documents/{documentId}/audio", new { voice });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The public id of a page's audio in a voice, which the API derives from the three.</summary>
    public static string AudioId(string documentId, int page, string voice) => new AudioKey(documentId, page, voice).PublicId;

    public static async Task<JsonElement> WaitForAudioAsync(HttpClient client, string audioId)
    {
        for (var i = 0; i < 600; i++)
        {
            var audio = await client.GetFromJsonAsync<JsonElement>($"/api/audio/{audioId}");
            if (audio.GetProperty("status").GetString() is "completed" or "failed")
            {
                return audio;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The audio did not finish.");
    }
}
