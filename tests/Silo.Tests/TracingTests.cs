using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Abstractions.Diagnostics;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Lector.Silo.Tests;

/// <summary>One host whose spans go to OpenTelemetry's in-memory exporter in place of OTLP, for all the tests of <see cref="TracingTests"/>.</summary>
public sealed class TracedHostFixture : IAsyncLifetime
{
    public LockedCollection<Activity> Spans { get; } = new();

    public LectorApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await LectorApp.StartAsync(builder => builder.Services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(Spans)));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The spans the host records.</summary>
public sealed class TracingTests(TracedHostFixture fixture) : IClassFixture<TracedHostFixture>
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task An_audio_request_is_one_trace_from_the_http_request_through_grain_calls_to_the_engine_and_the_blob_store()
    {
        var spans = fixture.Spans;
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(client));
        var documentId = await ApiSession.CreateDocumentAsync(client, "Traced from the request to the engine. It is a short page.");

        await ApiSession.RequestAudioAsync(client, documentId, 1, Voice);

        // Other hosts in this process record spans too: the request's own is the one with its path.
        var path = $"/api/documents/{documentId}/pages/1/audio";
        var http = await WaitForAsync(spans, s => s.FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server && Equals(a.GetTagItem("url.path"), path)));
        Assert.Equal("/api/documents/{id}/pages/{number}/audio/", http.GetTagItem("http.route"));
        var ofTrace = await WaitForAsync(spans, s =>
        {
            var trace = s.Where(a => a.TraceId == http.TraceId).ToList();
            // Spans are exported as they end: the render (and the grain call around it) may end after the blob is put.
            return trace.Any(a => a.OperationName == "speech.synthesize" && Ancestors(a, trace).Contains(http)) && trace.Any(a => a.OperationName == "blob.put") ? trace : null;
        });
        Assert.Contains(ofTrace, a => a.Source.Name == "Microsoft.Orleans.Application" && a.Kind == ActivityKind.Client && a.ParentSpanId == http.SpanId);

        var synthesis = Assert.Single(ofTrace, a => a.OperationName == "speech.synthesize");
        Assert.Equal("local", synthesis.GetTagItem("lector.speech.engine"));
        var chain = Ancestors(synthesis, ofTrace).ToList();
        Assert.Contains(http, chain);
        Assert.Contains(chain, a => a.Source.Name == "Microsoft.Orleans.Application" && a.Kind == ActivityKind.Server);
        Assert.Contains(chain, a => a.Source.Name == LectorDiagnostics.Name && a.OperationName == "audio.render");
        Assert.Contains(ofTrace, a => a.OperationName == "blob.put" && Ancestors(a, ofTrace).Contains(http));
    }

    [Fact]
    public async Task A_public_link_s_secret_stays_out_of_the_spans_of_its_requests()
    {
        var spans = fixture.Spans;
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(client));
        var documentId = await ApiSession.CreateDocumentAsync(client, "A page read through a public link.");
        var created = await client.PostAsJsonAsync($"/api/documents/{documentId}/links", new { voice = Voice });
        var url = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var secret = url.Split('/')[^1];
        using var anonymous = fixture.App.CreateClient();

        (await anonymous.GetAsync($"/api/public/{secret}")).EnsureSuccessStatusCode();

        var http = await WaitForAsync(spans, s => s.FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && Equals(a.GetTagItem("http.route"), "/api/public/{secret}/")));
        Assert.Equal("/api/public/***", http.GetTagItem("url.path"));
        // The test's own client (System.Net.Http) sent the secret, as any visitor's browser does; the host must not repeat it.
        var leaks = spans.Snapshot().Where(a => a.Source.Name != "System.Net.Http").SelectMany(a => a.TagObjects.Select(t => $"{a.DisplayName} {t.Key}={t.Value}").Append(a.DisplayName))
            .Where(t => t.Contains(secret[4..], StringComparison.Ordinal)).ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task A_podcast_feed_s_secret_is_scrubbed_from_the_path_its_request_span_records()
    {
        var spans = fixture.Spans;
        using var client = fixture.App.CreateClient();
        var feedId = Guid.NewGuid().ToString("N");
        var secret = $"lcf_{Guid.NewGuid():N}{Guid.NewGuid():N}";

        await client.GetAsync($"/podcasts/{feedId}/{secret}/feed.rss");

        var http = await WaitForAsync(spans, s => s.FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server
            && a.GetTagItem("url.path") is string path && path.Contains(feedId, StringComparison.Ordinal)));
        Assert.Equal($"/podcasts/{feedId}/***/feed.rss", http.GetTagItem("url.path"));
        Assert.DoesNotContain(http.TagObjects, t => t.Value is string value && value.Contains(secret[4..], StringComparison.Ordinal));
    }

    /// <summary>What <paramref name="find"/> finds in the spans recorded so far, once it finds something; fails after a deadline.</summary>
    private static async Task<T> WaitForAsync<T>(LockedCollection<Activity> spans, Func<List<Activity>, T?> find)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var recorded = spans.Snapshot();
            if (find(recorded) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not among the spans recorded: {string.Join(", ", recorded.Select(a => $"{a.Source.Name} {a.DisplayName} {a.TraceId}"))}");
            await Task.Delay(50);
        }
    }

    private static IEnumerable<Activity> Ancestors(Activity span, List<Activity> trace)
    {
        for (var parent = trace.Find(a => a.SpanId == span.ParentSpanId); parent is not null; parent = trace.Find(a => a.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }
}
