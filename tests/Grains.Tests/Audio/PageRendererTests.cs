using Lector.Abstractions.Audio;
using Lector.Blobs;
using Lector.Grains.Audio;
using Lector.Grains.Lexicon;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Festival;
using Lector.Grains.Speech.Normalization;
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

        var first = await renderer.RenderAsync(key, Text, "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);
        var again = await renderer.RenderAsync(key, Text, "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);
        var edited = await renderer.RenderAsync(key, Text + " Edited.", "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);

        Assert.StartsWith("audio/doc1/3/", first.BlobKey, StringComparison.Ordinal);
        Assert.Equal(first.BlobKey, again.BlobKey);
        Assert.NotEqual(first.BlobKey, edited.BlobKey);
        Assert.Equal(("mp3", "local", Text.Length), (first.Format, first.Engine, first.SpokenCharacters));
        Assert.NotNull(first.MarksBlobKey);
        await using var stored = await _blobs.OpenReadAsync(first.BlobKey);
        Assert.NotNull(stored);
        using var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes);
        Assert.Equal(first.SizeBytes, bytes.Length);
        Assert.InRange(first.DurationMs, 1_000, 20_000);
    }

    [Fact]
    public async Task Stored_audio_stands_for_a_resumed_rendering_but_not_for_a_regeneration_or_when_only_its_marks_were_stored()
    {
        var (engine, render) = CountedRendering(new AudioKey("doc8", 1, "local:en-us"));
        var first = await render(null);
        var storedAt = await LastModifiedAsync(first.BlobKey);

        // A rendering resumed after its commit was lost finds the audio and the marks: the page is not spoken twice.
        // Both are written again, so the reconciler's grace period starts over for them.
        var resumed = await render(null);
        Assert.True(await LastModifiedAsync(first.BlobKey) > storedAt);
        Assert.Equal(1, engine.TotalCalls);
        Assert.NotNull(first.MarksBlobKey);
        Assert.Equal((first.BlobKey, first.MarksBlobKey, first.Format, first.SizeBytes, first.Engine, first.SpokenCharacters),
            (resumed.BlobKey, resumed.MarksBlobKey, resumed.Format, resumed.SizeBytes, resumed.Engine, resumed.SpokenCharacters));
        Assert.InRange(resumed.DurationMs, first.DurationMs - 100, first.DurationMs + 100);
        Assert.True(first.BilledCharacters > 0);
        Assert.Null(resumed.BilledCharacters);

        // A regeneration (the record points at that very audio) is spoken again on purpose.
        var regenerated = await render(first.BlobKey);
        Assert.Equal(2, engine.TotalCalls);
        Assert.True(regenerated.BilledCharacters > 0);

        // A rendering stopped between its two writes left only the marks (they are written first): spoken again.
        await _blobs.DeleteAsync(first.BlobKey);
        var afterMarksOnly = await render(null);
        Assert.Equal(3, engine.TotalCalls);
        Assert.Equal(first.BlobKey, afterMarksOnly.BlobKey);
        Assert.True(await _blobs.ExistsAsync(afterMarksOnly.BlobKey));

        // Something under the key that is not MP3 is no reason to fail: the page is spoken.
        await _blobs.PutAsync(first.BlobKey, new MemoryStream("not audio"u8.ToArray()));
        var afterDamage = await render(null);
        Assert.Equal(4, engine.TotalCalls);
        Assert.Equal(first.SizeBytes, afterDamage.SizeBytes);
    }

    private async Task<DateTimeOffset> LastModifiedAsync(string blobKey) =>
        (await _blobs.ListAsync(blobKey).SingleAsync(b => b.Key == blobKey)).LastModified;

    [Fact]
    public async Task A_transient_failure_is_retried_and_a_permanent_one_is_not()
    {
        var flaky = new FailingEngine(new EspeakEngine(Options.Create(new EspeakOptions())), failures: 1, transient: true);
        var rendered = await Renderer(flaky).RenderAsync(new AudioKey("doc2", 1, "local:en-us"), Text, "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);
        Assert.Equal(2, flaky.Calls);
        Assert.True(await _blobs.ExistsAsync(rendered.BlobKey));

        var broken = new FailingEngine(new EspeakEngine(Options.Create(new EspeakOptions())), failures: 10, transient: false);
        var refused = await Assert.ThrowsAsync<SpeechException>(() => Renderer(broken).RenderAsync(new AudioKey("doc3", 1, "local:en-us"), Text, "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None));
        Assert.Equal(("engine.refused", 1), (refused.Code, broken.Calls));
        Assert.Empty(await KeysAsync("audio/doc3/"));
    }

    [Fact]
    public async Task A_voice_no_engine_offers_fails_for_good_with_a_stable_code()
    {
        var renderer = Renderer(new EspeakEngine(Options.Create(new EspeakOptions())));
        var missing = await Assert.ThrowsAsync<SpeechException>(() => renderer.RenderAsync(new AudioKey("doc4", 1, "local:no-such-voice"), Text, "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None));
        Assert.Equal("voice.not_found", missing.Code);
        Assert.False(missing.Transient);
    }

    [Fact]
    public async Task Lines_of_their_own_end_their_sentences_and_marks_point_into_the_page_text()
    {
        const string page = "Getting started\n\nInstall the tool\n\nRun it once.\nThen again";
        var engine = new WordMarkingEngine();

        var rendered = await Renderer(engine).RenderAsync(new AudioKey("doc5", 1, "local:en-us"), page, "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);

        Assert.Equal("Getting started.\n\nInstall the tool.\n\nRun it once.\nThen again", Assert.Single(engine.Texts));
        await using var stored = await _blobs.OpenReadAsync(rendered.MarksBlobKey!);
        var marks = await System.Text.Json.JsonSerializer.DeserializeAsync<List<SpeechMark>>(stored!, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal(["Getting", "started", "Install", "the", "tool", "Run", "it", "once.", "Then", "again"], marks!.Select(m => page[m.Start..m.End]));
    }

    [Theory]
    [InlineData("local:en-us")]
    [InlineData("festival:en-us-slt")]
    public async Task Marks_of_each_engine_on_this_machine_land_on_the_words_of_the_page(string voice)
    {
        const string page = "Getting started\n\nInstall the tool, then run it.\nThat is all";
        ISpeechEngine engine = voice.StartsWith("local:", StringComparison.Ordinal)
            ? new EspeakEngine(Options.Create(new EspeakOptions()))
            : new FestivalEngine(Options.Create(new FestivalOptions()), NullLogger<FestivalEngine>.Instance);

        var rendered = await Renderer(engine).RenderAsync(new AudioKey("doc7", 1, voice), page, "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);

        await using var stored = await _blobs.OpenReadAsync(rendered.MarksBlobKey!);
        var marks = await System.Text.Json.JsonSerializer.DeserializeAsync<List<SpeechMark>>(stored!, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var words = marks!.Where(m => m.Type == SpeechMark.Word).ToList();
        Assert.Equal(["Getting", "started", "Install", "the", "tool", "then", "run", "it", "That", "is", "all"], words.Select(m => page[m.Start..m.End]));
        Assert.Equal(["Getting started", "Install the tool, then run it.", "That is all"], marks!.Where(m => m.Type == SpeechMark.Sentence).Select(m => page[m.Start..m.End]));
        Assert.InRange(words[^1].TimeMs, rendered.DurationMs / 2, rendered.DurationMs);
    }

    [Fact]
    public async Task A_page_without_words_is_a_second_of_silence_and_no_engine_call()
    {
        var engine = new CountingSpeechEngine(new EspeakEngine(Options.Create(new EspeakOptions())));

        var rendered = await Renderer(engine).RenderAsync(new AudioKey("doc6", 2, "local:en-us"), " \n\n ", "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);

        Assert.Equal(0, engine.TotalCalls);
        Assert.Equal(("mp3", 1000L, 0L), (rendered.Format, rendered.DurationMs, rendered.BilledCharacters));
        Assert.True(await _blobs.ExistsAsync(rendered.BlobKey));
    }

    public void Dispose() => _blobsDirectory.Dispose();

    /// <summary>Renderings of <see cref="Text"/> for one page-voice by real espeak-ng, counted; the argument is the record's committed blob key.</summary>
    private (CountingSpeechEngine Engine, Func<string?, Task<RenderedAudio>> Render) CountedRendering(AudioKey key)
    {
        var engine = new CountingSpeechEngine(new EspeakEngine(Options.Create(new EspeakOptions())));
        var renderer = Renderer(engine);
        return (engine, committedBlobKey => renderer.RenderAsync(key, Text, "en", PronunciationLexicon.Empty, committedBlobKey, CancellationToken.None));
    }

    private PageRenderer Renderer(ISpeechEngine engine) =>
        new(new SpeechEngines([engine], new SpeechConcurrency(2)), new SpeechNormalizer(), _blobs, Options.Create(new SpeechRetryOptions { MaxAttempts = 2 }), TimeProvider.System, NullLogger<PageRenderer>.Instance);

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var blob in _blobs.ListAsync(prefix))
        {
            keys.Add(blob.Key);
        }

        return keys;
    }

    /// <summary>An engine that answers every text with a little silence and a word mark per run of non-spaces.</summary>
    private sealed class WordMarkingEngine : ISpeechEngine
    {
        public List<string> Texts { get; } = [];

        public string Name => "local";

        public string SettingsFingerprint => "marking";

        public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<VoiceInfo>>([new VoiceInfo("local:en-us", "local", "test", "en-us", "female")]);

        public Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText speech, CancellationToken cancellationToken)
        {
            var text = speech.Text;
            Texts.Add(text);
            var marks = System.Text.RegularExpressions.Regex.Matches(text, @"\S+")
                .Select((m, i) => new SpeechMark(i * 10, SpeechMark.Word, m.Index, m.Index + m.Length, m.Value))
                .ToList();
            return Task.FromResult(new SynthesizedSpeech(Mp3Frames.Silence(300), "mp3", 300, marks));
        }
    }

    /// <summary>Fails its first <paramref name="failures"/> calls as an engine would, then speaks.</summary>
    private sealed class FailingEngine(ISpeechEngine inner, int failures, bool transient) : ISpeechEngine
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => inner.Name;

        public string SettingsFingerprint => inner.SettingsFingerprint;

        public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => inner.ListVoicesAsync(cancellationToken);

        public Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText text, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new SpeechException(transient ? "engine.busy" : "engine.refused", "The engine failed (made by the test).", transient)
                : inner.SynthesizeAsync(voiceName, text, cancellationToken);
    }
}
