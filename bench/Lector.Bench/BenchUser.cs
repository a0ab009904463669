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

    public static Task<BenchUser> CreateAsync(LectorApp app) => CreateAsync(app.BaseAddress);

    /// <summary>Signs up through the web front at <paramref name="baseAddress"/>, in this process or another.</summary>
    public static async Task<BenchUser> CreateAsync(Uri baseAddress)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        using var anonymous = new HttpClient { BaseAddress = baseAddress };
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var session = await login.Content.ReadFromJsonAsync<JsonElement>();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "bench" }) };
        create.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        var created = await anonymous.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var client = LoadDriver.CreateClient(baseAddress, 16, token);
        return new BenchUser(session.GetProperty("id").GetString()!, token, client);
    }

    /// <summary>Posts pasted text; the document is accepted and ingested in the background.</summary>
    public async Task<string> PostDocumentAsync(string title, string text)
    {
        var response = await Client.PostAsJsonAsync("/api/documents", new { title, text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Posts <paramref name="count"/> one-page documents, a few at once, and waits until each is ingested; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> AddDocumentsAsync(int count, int firstNumber = 0)
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(firstNumber, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            ids.Add(await PostDocumentAsync($"Benchmark document {i}", Corpus.Paragraph(i, 400))));
        foreach (var id in ids)
        {
            await WaitForDocumentAsync(id);
        }

        return [.. ids];
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

    /// <summary>Exactly what the engine is sent for the page (its text normalized for speech).</summary>
    public async Task<string> PageSpeechAsync(string documentId, int page) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}/pages/{page}")).GetProperty("speech").GetString()!;

    public HttpRequestMessage RequestAudio(string documentId, int page, string voice) =>
        new(HttpMethod.Post, $"/api/documents/{documentId}/pages/{page}/audio") { Content = JsonContent.Create(new { voice }) };

    /// <summary>Starts a whole-document job: every page in the voice, paced by the job grain.</summary>
    public async Task RequestDocumentAudioAsync(string documentId, string voice)
    {
        using var response = await Client.PostAsJsonAsync($"/api/documents/{documentId}/audio", new { voice });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The whole-document job's progress, or null when it cannot be read right now (after a silo is killed, calls to
    /// its grains fail until the cluster declares it dead).
    /// </summary>
    public async Task<DocumentAudioProgress?> TryReadDocumentAudioAsync(string documentId, string voice)
    {
        try
        {
            using var response = await Client.GetAsync($"/api/documents/{documentId}/audio?voice={Uri.EscapeDataString(voice)}");
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var job = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new DocumentAudioProgress(job.GetProperty("total").GetInt32(), job.GetProperty("completed").GetInt32(), job.GetProperty("failed").GetInt32());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

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

/// <summary>A whole-document job's counts, as <c>GET /api/documents/{id}/audio?voice=</c> answers them.</summary>
public sealed record DocumentAudioProgress(int Total, int Completed, int Failed)
{
    public bool Finished => Completed + Failed >= Total;
}
