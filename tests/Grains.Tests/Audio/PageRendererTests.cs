using Lector.Abstractions.Audio;
using Lector.Grains.Audio;
using Lector.Grains.Blobs;
using Lector.Grains.Speech;
using Lector.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Audio;

/// <summary>The renderer on its own, without a cluster: real espeak-ng and a real file-system blob store.</summary>
public sealed class PageRendererTests : IDisposable
{
    private const string Text = "A page the renderer speaks without any grain around it.";

    private readonly TempDirectory _blobsDirectory = new();
    private readonly FileSystemBlobStore _blobs;

    public PageRendererTests() => _blobs = new FileSystemBlobStore(_blobsDirectory.Path);

    [Fact]
    public async Task Speech_is_stored_under_a_key_that_follows_the_text_and_the_facts_match_the_blob()
    {
        var renderer = Renderer(new EspeakEngine(Options.Create(new EspeakOptions())));
        var key = new AudioKey("doc1", 3, "local:en-us");

        var first = await renderer.RenderAsync(key, Text, CancellationToken.None);
        var again = await renderer.RenderAsync(key, Text, CancellationToken.None);
        var edited = await renderer.RenderAsync(key, Text + " Edited.", CancellationToken.None);

        Assert.StartsWith("audio/doc1/3/", first.BlobKey, StringComparison.Ordinal);
        Assert.Equal(first.BlobKey, again.BlobKey);
        Assert.NotEqual(first.BlobKey, edited.BlobKey);
        Assert.Equal(("mp3", "local", Text.Length), (first.Format, first.Engine, first.SpokenCharacters));
        Assert.Null(first.MarksBlobKey);
        await using var stored = await _blobs.OpenReadAsync(first.BlobKey);
        Assert.NotNull(stored);
        using var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes);
        Assert.Equal(first.SizeBytes, bytes.Length);
        Assert.InRange(first.DurationMs, 1_000, 20_000);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_a_permanent_one_is_not()
    {
        var flaky = new FailingEngine(new EspeakEngine(Options.Create(new EspeakOptions())), failures: 1, transient: true);
        var rendered = await Renderer(flaky).RenderAsync(new AudioKey("doc2", 1, "local:en-us"), Text, CancellationToken.None);
        Assert.Equal(2, flaky.Calls);
        Assert.True(await _blobs.ExistsAsync(rendered.BlobKey));

        var broken = new FailingEngine(new EspeakEngine(Options.Create(new EspeakOptions())), failures: 10, transient: false);
        var refused = await Assert.ThrowsAsync<SpeechException>(() => Renderer(broken).RenderAsync(new AudioKey("doc3", 1, "local:en-us"), Text, CancellationToken.None));
        Assert.Equal(("engine.refused", 1), (refused.Code, broken.Calls));
        Assert.Empty(await KeysAsync("audio/doc3/"));
    }

    [Fact]
    public async Task A_voice_no_engine_offers_fails_for_good_with_a_stable_code()
    {
        var renderer = Renderer(new EspeakEngine(Options.Create(new EspeakOptions())));
        var missing = await Assert.ThrowsAsync<SpeechException>(() => renderer.RenderAsync(new AudioKey("doc4", 1, "local:no-such-voice"), Text, CancellationToken.None));
        Assert.Equal("voice.not_found", missing.Code);
        Assert.False(missing.Transient);
    }

    public void Dispose() => _blobsDirectory.Dispose();

    private PageRenderer Renderer(ISpeechEngine engine) =>
        new(new SpeechEngines([engine], new SpeechConcurrency(2)), _blobs, Options.Create(new SpeechRetryOptions { MaxAttempts = 2 }), TimeProvider.System, NullLogger<PageRenderer>.Instance);

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var blob in _blobs.ListAsync(prefix))
        {
            keys.Add(blob.Key);
        }

        return keys;
    }

    /// <summary>Fails its first <paramref name="failures"/> calls as an engine would, then speaks.</summary>
    private sealed class FailingEngine(ISpeechEngine inner, int failures, bool transient) : ISpeechEngine
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => inner.Name;

        public string SettingsFingerprint => inner.SettingsFingerprint;

        public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => inner.ListVoicesAsync(cancellationToken);

        public Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, string text, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new SpeechException(transient ? "engine.busy" : "engine.refused", "The engine failed (made by the test).", transient)
                : inner.SynthesizeAsync(voiceName, text, cancellationToken);
    }
}
