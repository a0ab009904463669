using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Polly;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Speech;

public sealed class PollyEngineTests : IAsyncLifetime
{
    private PollyFake _fake = null!;

    public async Task InitializeAsync() => _fake = await PollyFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Voices_are_read_from_every_page_once_per_engine_and_cached()
    {
        var engine = CreateEngine();

        var voices = await engine.ListVoicesAsync(CancellationToken.None);
        var again = await engine.ListVoicesAsync(CancellationToken.None);

        var expected = PollyFake.Voices.SelectMany(v => v.SupportedEngines.Select(e => $"polly:{v.Id}:{e}")).Order().ToList();
        Assert.Equal(expected, voices.Select(v => v.Id).Order());
        Assert.Same(voices, again);
        Assert.Equal((PollyFake.Voices.Count + PollyFake.VoicesPerPage - 1) / PollyFake.VoicesPerPage, _fake.Requests.Count(r => r.Path == "/v1/voices"));
        Assert.Contains(voices, v => v is { Id: "polly:Remi:neural", Engine: "polly", Language: "fr-FR", Gender: "male" });
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("neural")]
    [InlineData("long-form")]
    [InlineData("generative")]
    public async Task Speech_is_signed_and_returned_as_the_providers_mp3_for_every_engine(string pollyEngine)
    {
        var engine = CreateEngine();

        var speech = await engine.SynthesizeAsync($"Joanna:{pollyEngine}", "Hello there.", CancellationToken.None);

        Assert.Equal(0, _fake.SignatureRejections);
        var request = Assert.Single(_fake.AudioRequests);
        Assert.Equal((pollyEngine, "mp3", "text", "Joanna", "Hello there."), (request.Engine, request.OutputFormat, request.TextType, request.VoiceId, request.Text));
        Assert.Equal(Mp3Frames.Read(_fake.Clip).Count, Mp3Frames.Read(speech.Audio).Count);
        Assert.Equal(Mp3Frames.DurationMs(Mp3Frames.Read(_fake.Clip)), speech.DurationMs);
        Assert.Equal(2 * "Hello there.".Length, speech.BilledCharacters);
    }

    [Fact]
    public async Task A_wrong_secret_is_rejected_by_the_fake_and_reported_as_a_permanent_auth_failure()
    {
        var engine = CreateEngine(secret: "not-the-secret");

        var error = await Assert.ThrowsAsync<SpeechException>(() => engine.SynthesizeAsync("Joanna:neural", "Hello.", CancellationToken.None));

        Assert.Equal(("speech.auth_failed", false), (error.Code, error.Transient));
        Assert.Equal(1, _fake.SignatureRejections);
        Assert.DoesNotContain(PollyFake.AccessKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_over_the_limit_is_split_at_sentence_ends_and_the_parts_are_joined_into_one_mp3()
    {
        var sentences = Enumerable.Range(0, 160).Select(i => $"Sentence number {i} says {new string('x', i % 40)} something.");
        var text = string.Join(" ", sentences);
        Assert.True(text.Length > 2 * PollyFake.MaxBilledCharacters);
        var engine = CreateEngine();

        var speech = await engine.SynthesizeAsync("Matthew:standard", text, CancellationToken.None);

        var parts = _fake.AudioRequests.ToList();
        Assert.Equal((text.Length / PollyFake.MaxBilledCharacters) + 1, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.BilledCharacters, 1, PollyFake.MaxBilledCharacters));
        Assert.All(parts, p => Assert.EndsWith("something.", p.Text, StringComparison.Ordinal));
        Assert.Equal(text, string.Join(" ", parts.Select(p => p.Text)));
        var clipFrames = Mp3Frames.Read(_fake.Clip);
        Assert.Equal(parts.Count * clipFrames.Count, Mp3Frames.Read(speech.Audio).Count);
        Assert.Equal(parts.Count * clipFrames.Sum(f => f.Length), speech.Audio.Length);
        Assert.InRange(speech.DurationMs, (parts.Count * Mp3Frames.DurationMs(clipFrames)) - parts.Count, (parts.Count * Mp3Frames.DurationMs(clipFrames)) + parts.Count);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(120)]
    public async Task Speech_marks_are_character_offsets_into_the_page_text_for_non_ascii_text(int speakingRate)
    {
        const string text = "Café crème à l'été. Ça coûte 5 € 😀 vraiment! Fin <des> \"tests\" & co.";
        var engine = CreateEngine(o => o.SpeakingRatePercent = speakingRate);

        var speech = await engine.SynthesizeAsync("Lea:neural", text, CancellationToken.None);

        var expectedWords = WordsOf(text);
        var words = speech.Marks!.Where(m => m.Type == SpeechMark.Word).ToList();
        Assert.Equal(expectedWords, words.Select(m => (m.Start, m.End)));
        Assert.All(words, m => Assert.Equal(text[m.Start..m.End], m.Value));
        Assert.Equal(Enumerable.Range(0, words.Count).Select(i => (long)i * PollyFake.MillisecondsPerWord), words.Select(m => m.TimeMs));
        var sentences = speech.Marks!.Where(m => m.Type == SpeechMark.Sentence).Select(m => m.Value).ToList();
        Assert.Equal(["Café crème à l'été.", "Ça coûte 5 € 😀 vraiment!", "Fin <des> \"tests\" & co."], sentences);
        Assert.Equal(speakingRate == 100 ? "text" : "ssml", Assert.Single(_fake.AudioRequests).TextType);
    }

    [Fact]
    public async Task Marks_of_later_parts_are_moved_by_the_parts_place_in_the_text_and_in_the_audio()
    {
        var text = string.Join(" ", Enumerable.Range(0, 12).Select(i => $"Élan {i} 😀 naïve façade."));
        var engine = CreateEngine(o => o.MaxBilledCharacters = 60);

        var speech = await engine.SynthesizeAsync("Joanna:generative", text, CancellationToken.None);

        var parts = _fake.AudioRequests.ToList();
        Assert.True(parts.Count >= 4);
        var words = speech.Marks!.Where(m => m.Type == SpeechMark.Word).ToList();
        Assert.Equal(WordsOf(text), words.Select(m => (m.Start, m.End)));
        Assert.All(words, m => Assert.Equal(text[m.Start..m.End], m.Value));
        var clipMs = Mp3Frames.DurationMs(Mp3Frames.Read(_fake.Clip));
        var expectedTimes = parts.SelectMany((part, k) =>
            Enumerable.Range(0, WordsOf(part.Text!).Count).Select(j => (k * clipMs) + ((long)j * PollyFake.MillisecondsPerWord)));
        Assert.Equal(expectedTimes, words.Select(m => m.TimeMs));
    }

    [Theory]
    [InlineData(400, "ThrottlingException", PollyErrorStyle.Header, "speech.throttled", true)]
    [InlineData(400, "ThrottlingException", PollyErrorStyle.BodyType, "speech.throttled", true)]
    [InlineData(500, "ServiceFailureException", PollyErrorStyle.BodyCode, "speech.provider_unavailable", true)]
    [InlineData(503, "ServiceUnavailableException", PollyErrorStyle.Header, "speech.provider_unavailable", true)]
    [InlineData(400, "TextLengthExceededException", PollyErrorStyle.BodyType, "speech.text_too_long", false)]
    [InlineData(400, "InvalidSsmlException", PollyErrorStyle.Header, "speech.invalid_ssml", false)]
    [InlineData(400, "EngineNotSupportedException", PollyErrorStyle.BodyCode, "speech.invalid_voice", false)]
    [InlineData(400, "LanguageNotSupportedException", PollyErrorStyle.Header, "speech.invalid_voice", false)]
    [InlineData(400, "ValidationException", PollyErrorStyle.BodyCode, "speech.invalid_request", false)]
    [InlineData(400, "InvalidSampleRateException", PollyErrorStyle.Header, "speech.invalid_request", false)]
    [InlineData(404, "LexiconNotFoundException", PollyErrorStyle.BodyType, "speech.invalid_request", false)]
    [InlineData(403, "InvalidClientTokenId", PollyErrorStyle.Header, "speech.auth_failed", false)]
    [InlineData(400, "SomethingNewException", PollyErrorStyle.Header, "speech.rejected", false)]
    public async Task Provider_errors_are_classified_and_their_messages_kept_out(int status, string type, PollyErrorStyle style, string code, bool transient)
    {
        _fake.FailNext(1, status, type, style);
        var engine = CreateEngine();

        var error = await Assert.ThrowsAsync<SpeechException>(() => engine.SynthesizeAsync("Joanna:neural", "Hello.", CancellationToken.None));

        Assert.Equal((code, transient), (error.Code, error.Transient));
        Assert.DoesNotContain("secret-bearing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PollyFake.AccessKey, error.Message, StringComparison.Ordinal);
        Assert.Single(_fake.AudioRequests);
    }

    [Fact]
    public async Task The_fake_refuses_more_than_3000_billed_characters_as_text_too_long()
    {
        var engine = CreateEngine(o => o.MaxBilledCharacters = 5000);

        var error = await Assert.ThrowsAsync<SpeechException>(() => engine.SynthesizeAsync("Joanna:standard", new string('a', 3001), CancellationToken.None));

        Assert.Equal(("speech.text_too_long", false), (error.Code, error.Transient));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_a_transient_failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var engine = CreateEngine(o => o.ServiceUrl = new Uri($"http://127.0.0.1:{port}/"));

        var error = await Assert.ThrowsAsync<SpeechException>(() => engine.SynthesizeAsync("Joanna:neural", "Hello.", CancellationToken.None));

        Assert.Equal(("speech.provider_unreachable", true), (error.Code, error.Transient));
    }

    [Fact]
    public async Task A_voice_name_without_a_polly_engine_is_an_invalid_voice()
    {
        var error = await Assert.ThrowsAsync<SpeechException>(() => CreateEngine().SynthesizeAsync("Joanna", "Hello.", CancellationToken.None));

        Assert.Equal(("speech.invalid_voice", false), (error.Code, error.Transient));
        Assert.Empty(_fake.Requests);
    }

    /// <summary>Whitespace-separated words and their offsets, found without the engine's code.</summary>
    private static List<(int Start, int End)> WordsOf(string text)
    {
        var words = new List<(int, int)>();
        var at = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            at = text.IndexOf(word, at, StringComparison.Ordinal);
            words.Add((at, at + word.Length));
            at += word.Length;
        }

        return words;
    }

    [Fact]
    public async Task A_pronounced_word_goes_as_an_ipa_phoneme_element_and_its_marks_stay_on_the_word()
    {
        const string text = "I like pecan pie & cake.";
        var engine = CreateEngine();

        var speech = await engine.SynthesizeAsync("Joanna:standard", new SpeechText(text, [new Pronunciation(7, 5, "pɪˈkɑːn")]), CancellationToken.None);

        var sent = Assert.Single(_fake.AudioRequests);
        Assert.Equal("ssml", sent.TextType);
        Assert.Contains("<phoneme alphabet=\"ipa\" ph=\"pɪˈkɑːn\">pecan</phoneme> pie &amp; cake.", sent.Text, StringComparison.Ordinal);
        Assert.Null(sent.LexiconNames);
        var words = speech.Marks!.Where(m => m.Type == SpeechMark.Word).ToList();
        Assert.Contains(words, m => text[m.Start..m.End] == "pecan" && m.Value == "pecan");
        Assert.Equal(["I", "like", "pecan", "pie", "&", "cake."], words.Select(m => text[m.Start..m.End]));
    }

    private PollyEngine CreateEngine(Action<PollyOptions>? configure = null, string secret = PollyFake.SecretKey)
    {
        var options = new PollyOptions { Region = PollyFake.Region, ServiceUrl = _fake.Url, TimeoutSeconds = 10 };
        foreach (var engine in PollyEngines.All)
        {
            options.RequestsPerSecond[engine] = 10_000;
        }

        configure?.Invoke(options);
        var client = new PollyClient(PollyRegistration.CreateHttpClient(options, new BasicAWSCredentials(PollyFake.AccessKey, secret)), NullLogger<PollyClient>.Instance);
        return new PollyEngine(client, new PollyPacing(Options.Create(options), TimeProvider.System, FixedActiveSilos.One), Options.Create(options), TimeProvider.System, NullLogger<PollyEngine>.Instance);
    }
}
