using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Lector.Grains.Speech;

namespace Lector.Grains.Tests.Speech;

/// <summary>
/// The Polly fake held to the official AWS SDK for JavaScript (over HTTP/1.1): every request that SDK signs for the
/// operations Lector uses must be accepted, and every answer, success or error, must be one that SDK parses into the
/// output or the modeled error the real service gives.
/// </summary>
public sealed class PollySdkTests(PollySdk sdk) : IClassFixture<PollySdk>, IAsyncLifetime
{
    private PollyFake _fake = null!;

    public async Task InitializeAsync() => _fake = await PollyFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task DescribeVoices_pages_through_every_voice_in_the_shape_the_sdk_reads()
    {
        var (voices, pages) = await AllVoicesAsync(engine: null, language: null);

        Assert.Equal(PollyFake.Voices.Select(v => v.Id), voices.Select(v => v.GetProperty("Id").GetString()));
        Assert.Equal((PollyFake.Voices.Count + PollyFake.VoicesPerPage - 1) / PollyFake.VoicesPerPage, pages);
        var remi = voices.Single(v => v.GetProperty("Id").GetString() == "Remi");
        Assert.Equal(("Male", "fr-FR", "French", "Remi"), (Text(remi, "Gender"), Text(remi, "LanguageCode"), Text(remi, "LanguageName"), Text(remi, "Name")));
        Assert.Equal(["neural"], remi.GetProperty("SupportedEngines").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, _fake.SignatureRejections);
    }

    [Theory]
    [InlineData("neural", null)]
    [InlineData("standard", "fr-FR")]
    [InlineData(null, "de-DE")]
    [InlineData("long-form", "en-US")]
    [InlineData("generative", "fr-FR")]
    [InlineData(null, "it-IT")]
    public async Task DescribeVoices_keeps_to_the_engine_and_language_asked_for(string? engine, string? language)
    {
        var (voices, _) = await AllVoicesAsync(engine, language);

        var expected = PollyFake.Voices
            .Where(v => (engine is null || v.SupportedEngines.Contains(engine)) && (language is null || v.LanguageCode == language))
            .Select(v => v.Id);
        Assert.Equal(expected, voices.Select(v => v.GetProperty("Id").GetString()));
    }

    [Fact]
    public async Task DescribeVoices_refuses_a_next_token_it_did_not_give_out()
    {
        var neuralPage = await OkAsync("DescribeVoices", new { Engine = "neural" });
        var neuralToken = Text(neuralPage, "NextToken");

        var madeUp = await RefusedAsync("DescribeVoices", new { NextToken = "not-a-token" });
        var fromAnotherListing = await RefusedAsync("DescribeVoices", new { NextToken = neuralToken });
        var badEngine = await RefusedAsync("DescribeVoices", new { Engine = "turbo" });

        AssertModeled(madeUp, "InvalidNextTokenException", 400);
        AssertModeled(fromAnotherListing, "InvalidNextTokenException", 400);
        AssertModeled(badEngine, "ValidationException", 400);
    }

    [Theory]
    [InlineData("mp3", null, "audio/mpeg")]
    [InlineData("ogg_vorbis", null, "audio/ogg")]
    [InlineData("ogg_vorbis", "24000", "audio/ogg")]
    [InlineData("pcm", null, "audio/pcm")]
    [InlineData("pcm", "8000", "audio/pcm")]
    public async Task SynthesizeSpeech_answers_each_audio_format_with_its_own_content_type_and_audio(string format, string? sampleRate, string contentType)
    {
        const string text = "Hello from the official SDK.";

        var output = await OkAsync("SynthesizeSpeech", new { Engine = "neural", OutputFormat = format, SampleRate = sampleRate, Text = text, VoiceId = "Joanna" });

        Assert.Equal(contentType, Text(output, "ContentType"));
        Assert.Equal(text.Length, output.GetProperty("RequestCharacters").GetInt32());
        var audio = Convert.FromBase64String(Text(output, "AudioStream")!);
        var clipMs = Mp3Frames.DurationMs(Mp3Frames.Read(_fake.Clip));
        switch (format)
        {
            case "mp3":
                Assert.Equal(_fake.Clip, audio);
                break;
            case "ogg_vorbis":
                Assert.Equal("OggS"u8.ToArray(), audio[..4]);
                var header = audio.AsSpan().IndexOf("\u0001vorbis"u8);
                Assert.True(header > 0, "no Vorbis identification header");
                var channels = audio[header + 11];
                var rate = BinaryPrimitives.ReadInt32LittleEndian(audio.AsSpan(header + 12, 4));
                Assert.Equal((1, int.Parse(sampleRate ?? "22050", System.Globalization.CultureInfo.InvariantCulture)), (channels, rate));
                break;
            case "pcm":
                var samplesPerSecond = int.Parse(sampleRate ?? "16000", System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(0, audio.Length % 2);
                Assert.InRange(audio.Length / 2 * 1000L / samplesPerSecond, clipMs - 150, clipMs + 150);
                break;
        }
    }

    [Fact]
    public async Task Speech_marks_arrive_as_json_lines_with_utf8_byte_offsets()
    {
        const string text = "Café crème. Fin!";

        var output = await OkAsync("SynthesizeSpeech", new { Engine = "standard", OutputFormat = "json", SpeechMarkTypes = new[] { "sentence", "word" }, Text = text, VoiceId = "Lea" });

        Assert.Equal("application/x-json-stream", Text(output, "ContentType"));
        var bytes = Encoding.UTF8.GetBytes(text);
        var marks = Encoding.UTF8.GetString(Convert.FromBase64String(Text(output, "AudioStream")!))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(m => (Type: Text(m, "type"), Value: Text(m, "value"), Bytes: Encoding.UTF8.GetString(bytes[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()])))
            .ToList();
        Assert.Equal([("sentence", "Café crème."), ("word", "Café"), ("word", "crème."), ("sentence", "Fin!"), ("word", "Fin!")], marks.Select(m => (m.Type, m.Value)));
        Assert.All(marks, m => Assert.Equal(m.Value, m.Bytes));
    }

    public static TheoryData<string, object, string, int> RefusedSpeech => new()
    {
        { "an unknown voice", new { OutputFormat = "mp3", Text = "Hi.", VoiceId = "Nobody" }, "ValidationException", 400 },
        { "an engine the voice lacks", new { Engine = "neural", OutputFormat = "mp3", Text = "Hallo.", VoiceId = "Hans" }, "ValidationException", 400 },
        { "an unknown engine", new { Engine = "turbo", OutputFormat = "mp3", Text = "Hi.", VoiceId = "Joanna" }, "ValidationException", 400 },
        { "an unknown output format", new { OutputFormat = "wav", Text = "Hi.", VoiceId = "Joanna" }, "ValidationException", 400 },
        { "text over 3,000 billed characters", new { OutputFormat = "mp3", Text = new string('a', PollyFake.MaxBilledCharacters + 1), VoiceId = "Joanna" }, "TextLengthExceededException", 400 },
        { "SSML that does not parse", new { OutputFormat = "mp3", Text = "<speak>Hi.", TextType = "ssml", VoiceId = "Joanna" }, "InvalidSsmlException", 400 },
        { "a sample rate pcm does not have", new { OutputFormat = "pcm", SampleRate = "22050", Text = "Hi.", VoiceId = "Joanna" }, "InvalidSampleRateException", 400 },
        { "speech marks asked of mp3", new { OutputFormat = "mp3", SpeechMarkTypes = new[] { "word" }, Text = "Hi.", VoiceId = "Joanna" }, "MarksNotSupportedForFormatException", 400 },
        { "SSML marks of plain text", new { OutputFormat = "json", SpeechMarkTypes = new[] { "ssml" }, Text = "Hi.", VoiceId = "Joanna" }, "SsmlMarksNotSupportedForTextTypeException", 400 },
        { "json without mark types", new { OutputFormat = "json", Text = "Hi.", VoiceId = "Joanna" }, "ValidationException", 400 },
        { "a lexicon that does not exist", new { LexiconNames = new[] { "missing" }, OutputFormat = "mp3", Text = "Hi.", VoiceId = "Joanna" }, "LexiconNotFoundException", 404 },
        { "more than five lexicons", new { LexiconNames = new[] { "a", "b", "c", "d", "e", "f" }, OutputFormat = "mp3", Text = "Hi.", VoiceId = "Joanna" }, "ValidationException", 400 },
    };

    [Theory]
    [MemberData(nameof(RefusedSpeech))]
    public async Task SynthesizeSpeech_refuses_bad_requests_with_the_modeled_error(string why, object input, string error, int status)
    {
        var refused = await RefusedAsync("SynthesizeSpeech", input);

        AssertModeled(refused, error, status, why);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task Speech_past_the_quota_is_throttled()
    {
        _fake.LimitRate(requestsPerSecond: 0.001, burst: 1);
        var speech = new { OutputFormat = "mp3", Text = "Hi.", VoiceId = "Matthew" };

        await OkAsync("SynthesizeSpeech", speech);
        var throttled = await RefusedAsync("SynthesizeSpeech", speech);

        AssertModeled(throttled, "ThrottlingException", 400);
        Assert.Equal(1, _fake.ThrottledRequests);
    }

    [Theory]
    [InlineData(500, "ServiceFailureException", PollyErrorStyle.Header, "server", true)]
    [InlineData(500, "ServiceFailureException", PollyErrorStyle.BodyType, "server", true)]
    [InlineData(400, "ThrottlingException", PollyErrorStyle.BodyCode, "client", true)]
    [InlineData(503, "ServiceUnavailableException", PollyErrorStyle.Header, "server", false)]
    public async Task Provider_failures_are_read_by_the_sdk_in_every_style_the_fake_answers(int status, string type, PollyErrorStyle style, string fault, bool modeled)
    {
        _fake.FailNext(1, status, type, style);

        var refused = await RefusedAsync("SynthesizeSpeech", new { OutputFormat = "mp3", Text = "Hi.", VoiceId = "Joanna" });

        Assert.Equal((type, status, fault), (refused.Name, refused.Status, refused.Fault));
        Assert.Equal(modeled, refused.Type == type);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_as_an_invalid_signature_and_an_unknown_key_as_an_unrecognized_client()
    {
        var wrongSecret = await RefusedAsync("DescribeVoices", new { }, secretKey: "not-the-secret");
        var unknownKey = await RefusedAsync("DescribeVoices", new { }, accessKey: "AKIDSOMEONEELSE00001");

        Assert.Equal(("InvalidSignatureException", 403, "client"), (wrongSecret.Name, wrongSecret.Status, wrongSecret.Fault));
        Assert.Contains("Canonical request", wrongSecret.Message, StringComparison.Ordinal);
        Assert.Equal(("UnrecognizedClientException", 403, "client"), (unknownKey.Name, unknownKey.Status, unknownKey.Fault));
        Assert.Equal(2, _fake.SignatureRejections);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task Lexicons_are_stored_read_listed_in_pages_applied_and_deleted()
    {
        var names = new[] { "Acronyms", "Names", "Places" };
        foreach (var name in names)
        {
            await OkAsync("PutLexicon", new { Name = name, Content = Pls("en-US", "ipa", ("W3C", "World Wide Web Consortium", null), ("tomato", null, "təˈmɑːtoʊ")) });
        }

        var read = await OkAsync("GetLexicon", new { Name = "Names" });
        var listed = new List<string?>();
        string? token = null;
        do
        {
            var page = await OkAsync("ListLexicons", new { NextToken = token });
            listed.AddRange(page.GetProperty("Lexicons").EnumerateArray().Select(l => Text(l, "Name")));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        var speech = await OkAsync("SynthesizeSpeech", new { LexiconNames = new[] { "Acronyms", "Places" }, OutputFormat = "mp3", Text = "The W3C.", VoiceId = "Joanna" });
        await OkAsync("DeleteLexicon", new { Name = "Names" });
        var gone = await RefusedAsync("GetLexicon", new { Name = "Names" });
        var deletedTwice = await RefusedAsync("DeleteLexicon", new { Name = "Names" });

        Assert.Equal(Pls("en-US", "ipa", ("W3C", "World Wide Web Consortium", null), ("tomato", null, "təˈmɑːtoʊ")), Text(read.GetProperty("Lexicon"), "Content"));
        Assert.Equal("Names", Text(read.GetProperty("Lexicon"), "Name"));
        var attributes = read.GetProperty("LexiconAttributes");
        Assert.Equal(("ipa", "en-US", 2), (Text(attributes, "Alphabet"), Text(attributes, "LanguageCode"), attributes.GetProperty("LexemesCount").GetInt32()));
        Assert.EndsWith(":lexicon/Names", Text(attributes, "LexiconArn"), StringComparison.Ordinal);
        Assert.Equal(Text(read.GetProperty("Lexicon"), "Content")!.Length, attributes.GetProperty("Size").GetInt32());
        Assert.InRange(attributes.GetProperty("LastModified").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(names, listed);
        Assert.Equal("audio/mpeg", Text(speech, "ContentType"));
        Assert.Equal(["Acronyms", "Places"], Assert.Single(_fake.AudioRequests).LexiconNames!);
        AssertModeled(gone, "LexiconNotFoundException", 404);
        AssertModeled(deletedTwice, "LexiconNotFoundException", 404);
        Assert.Equal(["Acronyms", "Places"], _fake.Lexicons.Select(l => l.Name));
        Assert.Equal(("W3C", "World Wide Web Consortium"), (Assert.Single(_fake.Lexicons[0].Lexemes[0].Graphemes), _fake.Lexicons[0].Lexemes[0].Alias));
    }

    public static TheoryData<string, string, string, string> RefusedLexicons => new()
    {
        { "a name with a dash", "my-lexicon", Pls("en-US", "ipa", ("a", "b", null)), "ValidationException" },
        { "content that is not XML", "Broken", "<lexicon", "InvalidLexiconException" },
        { "XML that is not PLS", "NotPls", "<dictionary/>", "InvalidLexiconException" },
        { "an unsupported alphabet", "Arpabet", Pls("en-US", "arpabet", ("a", null, "AH")), "UnsupportedPlsAlphabetException" },
        { "a language Polly does not speak", "Klingon", Pls("tlh-QO", "ipa", ("a", "b", null)), "UnsupportedPlsLanguageException" },
        { "more than 4,000 characters", "Huge", Pls("en-US", "ipa", [.. Enumerable.Range(0, 100).Select(i => ($"word{i}", $"alias number {i}", (string?)null))]), "LexiconSizeExceededException" },
        { "an alias over 100 characters", "Long", Pls("en-US", "ipa", ("a", new string('b', 101), null)), "MaxLexemeLengthExceededException" },
    };

    [Theory]
    [MemberData(nameof(RefusedLexicons))]
    public async Task PutLexicon_refuses_what_polly_refuses_with_the_modeled_error(string why, string name, string content, string error)
    {
        var refused = await RefusedAsync("PutLexicon", new { Name = name, Content = content });

        AssertModeled(refused, error, 400, why);
        Assert.Empty(_fake.Lexicons);
    }

    [Fact]
    public async Task An_account_holds_at_most_100_lexicons_and_lists_refuse_foreign_tokens()
    {
        for (var i = 0; i < 100; i++)
        {
            await OkAsync("PutLexicon", new { Name = $"L{i}", Content = Pls("fr-FR", "x-sampa", ("chat", null, "Sa")) });
        }

        var oneTooMany = await RefusedAsync("PutLexicon", new { Name = "L100", Content = Pls("fr-FR", "x-sampa", ("chat", null, "Sa")) });
        var replaced = await OkAsync("PutLexicon", new { Name = "L7", Content = Pls("fr-FR", "ipa", ("chat", null, "ʃa")) });
        var voicesToken = Text(await OkAsync("DescribeVoices", new { }), "NextToken");
        var foreignToken = await RefusedAsync("ListLexicons", new { NextToken = voicesToken });

        AssertModeled(oneTooMany, "MaxLexiconsNumberExceededException", 400);
        Assert.Equal(200, replaced.GetProperty("$metadata").GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("ipa", _fake.Lexicons.Single(l => l.Name == "L7").Alphabet);
        AssertModeled(foreignToken, "InvalidNextTokenException", 400);
    }

    private async Task<(List<JsonElement> Voices, int Pages)> AllVoicesAsync(string? engine, string? language)
    {
        var voices = new List<JsonElement>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await OkAsync("DescribeVoices", new { Engine = engine, LanguageCode = language, NextToken = token });
            pages++;
            voices.AddRange(page.GetProperty("Voices").EnumerateArray());
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return (voices, pages);
    }

    /// <summary>The SDK's parsed output; fails on a refusal or an answer the SDK could not read.</summary>
    private async Task<JsonElement> OkAsync(string operation, object input)
    {
        var (output, error) = await sdk.SendAsync(_fake, operation, input);
        Assert.True(error is null, $"{operation} failed in the SDK: {error}");
        return output!.Value;
    }

    private async Task<PollySdkError> RefusedAsync(string operation, object input, string accessKey = PollyFake.AccessKey, string secretKey = PollyFake.SecretKey)
    {
        var (output, error) = await sdk.SendAsync(_fake, operation, input, accessKey, secretKey);
        Assert.True(error is not null, $"{operation} was accepted: {output}");
        return error;
    }

    /// <summary>The SDK raised its own class for this Polly error (so it parsed the answer), with the message the fake gave.</summary>
    private void AssertModeled(PollySdkError error, string name, int status, string? why = null)
    {
        Assert.True((name, name, status, "client") == (error.Name, error.Type, error.Status, error.Fault), $"{why}: expected {name} {status}, the SDK raised {error}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message) || error.Message == "UnknownError", $"{why}: the SDK found no message in {error}");
        Assert.Equal(0, _fake.SignatureRejections);
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();

    /// <summary>A W3C pronunciation lexicon: each lexeme has a grapheme and an alias or a phoneme.</summary>
    private static string Pls(string language, string alphabet, params (string Grapheme, string? Alias, string? Phoneme)[] lexemes)
    {
        XNamespace pls = "http://www.w3.org/2005/01/pronunciation-lexicon";
        var root = new XElement(
            pls + "lexicon",
            new XAttribute("version", "1.0"),
            new XAttribute("alphabet", alphabet),
            new XAttribute(XNamespace.Xml + "lang", language),
            lexemes.Select(l => new XElement(
                pls + "lexeme",
                new XElement(pls + "grapheme", l.Grapheme),
                l.Alias is null ? null : new XElement(pls + "alias", l.Alias),
                l.Phoneme is null ? null : new XElement(pls + "phoneme", l.Phoneme))));
        return new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + root;
    }
}
