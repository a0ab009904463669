using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Abstractions.Blobs;
using Lector.Blobs;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Lector.WebFront.Tests.Errors;

/// <summary>
/// The S3 endpoint goes away under a running host whose blobs are in S3 (a real S3 server, moto, behind a relay that is
/// cut: connections refused and reset, as when the endpoint's host stops, while the server keeps what it holds): uploads
/// and audio answer 503 <c>blobs.unavailable</c> with <c>Retry-After</c>, nothing is half-stored, readiness names the
/// blob store, and once the endpoint is back uploads work again and the syntheses that waited complete.
/// </summary>
public sealed class BlobOutageTests(MotoServerFixture s3, ITestOutputHelper output) : IClassFixture<MotoServerFixture>, IAsyncLifetime
{
    private const string Voice = "local:en-us";

    private const string BlobsUnavailable = "blobs.unavailable";

    private readonly string _prefix = $"outage{Guid.NewGuid():N}";
    private readonly CapturingLoggerProvider _logs = new();
    private TcpRelay _relay = null!;
    private LectorApp _app = null!;

    public async Task InitializeAsync()
    {
        _relay = new TcpRelay(s3.Port);
        var relayed = $"http://127.0.0.1:{_relay.Port}";
        _app = await LectorApp.StartAsync(
            builder =>
            {
                // The store the settings name, with moto's static credentials rather than the machine's default chain.
                builder.Services.AddSingleton<IBlobStore>(new MeasuredBlobStore(s3.CreateStore(_prefix, serviceUrl: relayed), "s3"));
                builder.Logging.AddProvider(_logs);
            },
            "--Blobs:Provider=s3",
            $"--Blobs:S3:ServiceUrl={relayed}",
            $"--Blobs:S3:Bucket={MotoServerFixture.Bucket}",
            $"--Blobs:S3:Prefix={_prefix}",
            "--Blobs:S3:ForcePathStyle=true");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task While_the_S3_endpoint_is_away_uploads_and_audio_answer_503_and_syntheses_that_waited_complete()
    {
        var user = await ApiUser.CreateAsync(_app);
        var spokenDocument = await user.CreateDocumentAsync("Spoken before the blob store went away.", "Before");
        var spoken = await RequestAudioAsync(user, spokenDocument);
        Assert.Equal("completed", (await user.WaitForAudioAsync(spoken)).GetProperty("status").GetString());
        var waitingDocument = await user.CreateDocumentAsync("Asked for while the blob store is away.", "Waiting");
        var storedBefore = await StoredKeysAsync();

        _relay.Cut();
        string waiting;
        try
        {
            var watch = Stopwatch.StartNew();
            await AssertBlobsUnavailableAsync(await UploadAsync(user, "during.txt"), "a file upload", watch);

            watch.Restart();
            var typed = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "During", text = "Typed while the blob store is away." });
            await AssertBlobsUnavailableAsync(typed, "a typed document", watch);

            watch.Restart();
            await AssertBlobsUnavailableAsync(await user.Bearer.GetAsync($"/api/audio/{spoken}/content"), "stored audio", watch);

            // A synthesis asked for now is accepted and waits for the store.
            waiting = await RequestAudioAsync(user, waitingDocument);
            Assert.Equal("Before Waiting", string.Join(' ', await TitlesAsync(user)));

            var ready = await user.Bearer.GetAsync("/health/ready");
            var readiness = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("blob-store", readiness, StringComparison.Ordinal);
            output.WriteLine($"Readiness while the store is away: {readiness}");

            // Held away until the synthesis has met the outage, so that it is seen to wait rather than to fail.
            var deadline = Stopwatch.StartNew();
            while (!_logs.Lines.Any(l => l.Contains("Storing audio failed for now", StringComparison.Ordinal)))
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), "The synthesis did not meet the away store within a minute.");
                await Task.Delay(50);
            }

            Assert.Contains((await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/audio/{waiting}")).GetProperty("status").GetString(), new[] { "pending", "generating" });
        }
        finally
        {
            _relay.Restore();
        }

        var back = Stopwatch.StartNew();
        HttpResponseMessage created;
        while ((created = await UploadAsync(user, "after.txt")).StatusCode != HttpStatusCode.Accepted)
        {
            await AssertBlobsUnavailableAsync(created, "an upload after the outage", Stopwatch.StartNew());
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(10), "Uploads did not come back within 10 s of the store.");
            await Task.Delay(created.Headers.RetryAfter!.Delta!.Value);
        }

        output.WriteLine($"Uploads came back {back.Elapsed.TotalSeconds:F1} s after the store.");
        await user.WaitForDocumentAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var waited = await user.WaitForAudioAsync(waiting);
        output.WriteLine($"The synthesis that waited ended {waited.GetProperty("status").GetString()} {back.Elapsed.TotalSeconds:F1} s after the store was back.");
        Assert.Equal("completed", waited.GetProperty("status").GetString());

        // Nothing lost: what was stored before plays; nothing half-stored: the refused uploads left no document and no
        // object, and the store holds just what the three documents and two syntheses made.
        var played = await user.Bearer.GetAsync($"/api/audio/{spoken}/content");
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.NotEmpty(await played.Content.ReadAsByteArrayAsync());
        Assert.Equal("Before Waiting after.txt", string.Join(' ', await TitlesAsync(user)));
        var storedAfter = await StoredKeysAsync();
        Assert.Superset(storedBefore, storedAfter);
        Assert.Equal(
            ["audio", "originals"],
            storedAfter.Except(storedBefore).Select(k => k.Split('/')[0]).Distinct().Order());
        Assert.DoesNotContain(storedAfter, k => k.StartsWith("uploads/", StringComparison.Ordinal));
        Assert.Equal(3, storedAfter.Count(k => k.StartsWith("originals/", StringComparison.Ordinal)));
    }

    private async Task AssertBlobsUnavailableAsync(HttpResponseMessage response, string what, Stopwatch watch)
    {
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"With the store away, {what} answered {(int)response.StatusCode} in {watch.Elapsed.TotalSeconds:F1} s.");
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal(BlobsUnavailable, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 must say when to retry.");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{what} took {watch.Elapsed.TotalSeconds:F1} s to answer: that is a hang.");
    }

    /// <summary>The keys under this test's prefix, read from moto directly (not through the relay), health probes left out.</summary>
    private async Task<HashSet<string>> StoredKeysAsync()
    {
        var keys = new HashSet<string>();
        await foreach (var blob in s3.CreateStore(_prefix).ListAsync(""))
        {
            if (!blob.Key.StartsWith("health/", StringComparison.Ordinal))
            {
                keys.Add(blob.Key);
            }
        }

        return keys;
    }

    private static async Task<HttpResponseMessage> UploadAsync(ApiUser user, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent("A few words in a text file."u8.ToArray()), "file", fileName } };
        return await user.Bearer.PostAsync("/api/documents", form);
    }

    private static async Task<List<string?>> TitlesAsync(ApiUser user) =>
        [.. (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents")).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("title").GetString()).Order(StringComparer.Ordinal)];

    private static async Task<string> RequestAudioAsync(ApiUser user, string documentId)
    {
        var requested = await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = Voice });
        Assert.True(requested.IsSuccessStatusCode, $"asking for audio answered {(int)requested.StatusCode}: {await requested.Content.ReadAsStringAsync()}");
        return (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
