using System.Diagnostics;
using System.Text.RegularExpressions;
using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Festival;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Speech;

/// <summary>
/// The engines on this machine, run for real (espeak-ng, Festival with Debian's HTS voice, lame): their audio decodes
/// and their speech marks follow the text, measured by espeak-ng's pauses or read from Festival's utterances.
/// </summary>
public sealed partial class LocalEngineMarksTests
{
    private const string Text =
        "The quick brown fox jumps over the lazy dog, twice. \"Reading aloud\" takes practice, patience and time!\nDoes every word get its own mark? It should.";

    public static TheoryData<string> Engines => ["local:en-us", "festival:en-us-slt"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Marks_are_in_time_order_name_the_words_at_their_offsets_and_cover_the_whole_text(string voice)
    {
        var speech = await SynthesizeAsync(voice, Text);

        AssertMarksFollow(Text, speech);
        Assert.Equal(4, speech.Marks!.Count(m => m.Type == SpeechMark.Sentence));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_text_spoken_in_parts_keeps_its_marks_in_order_on_the_whole_text(string voice)
    {
        var text = string.Join(' ', Enumerable.Range(1, 6).Select(i => $"Sentence {Words[i]} of a longer page goes on for a while."));

        var speech = await SynthesizeAsync(voice, text, maxCharactersPerRun: 120);

        Assert.True(TextSplitter.Split(text, 120, _ => 1).Count >= 3);
        AssertMarksFollow(text, speech);
    }

    [Fact]
    public async Task Festival_audio_decodes_and_grows_with_the_text()
    {
        const string shortText = "A short line.";
        var longText = string.Join(' ', Enumerable.Repeat("A longer passage that Festival reads for a good while.", 4));

        var shortSpeech = await SynthesizeAsync("festival:en-us-slt", shortText);
        var longSpeech = await SynthesizeAsync("festival:en-us-slt", longText);

        var shortDecoded = await DecodedMsAsync(shortSpeech.Audio);
        var longDecoded = await DecodedMsAsync(longSpeech.Audio);
        Assert.InRange(shortDecoded, shortSpeech.DurationMs * 0.95, shortSpeech.DurationMs * 1.1);
        Assert.InRange(longDecoded, longSpeech.DurationMs * 0.95, longSpeech.DurationMs * 1.1);
        Assert.True(longSpeech.DurationMs > 4 * shortSpeech.DurationMs, $"{longSpeech.DurationMs} ms against {shortSpeech.DurationMs} ms");
        Assert.Equal(("mp3", longText.Length), (longSpeech.Format, (int)longSpeech.BilledCharacters!));
    }

    [Fact]
    public async Task Festival_marks_point_at_words_written_with_accents_and_typographic_quotes()
    {
        const string text = "The café’s “naïve” menu — déjà vu, again.";

        var speech = await SynthesizeAsync("festival:en-us-slt", text);

        AssertMarksFollow(text, speech);
        Assert.Equal(["The", "café’s", "naïve", "menu", "déjà", "vu", "again"], speech.Marks!.Where(m => m.Type == SpeechMark.Word).Select(m => m.Value));
    }

    [Fact]
    public async Task The_festival_voice_is_listed_when_installed_and_none_without_festival()
    {
        var voices = await Festival().ListVoicesAsync(CancellationToken.None);
        var missing = await Festival(new FestivalOptions { Executable = "/nonexistent/festival" }).ListVoicesAsync(CancellationToken.None);

        var voice = Assert.Single(voices);
        Assert.Equal(("festival:en-us-slt", "festival", "en-US", "female"), (voice.Id, voice.Engine, voice.Language, voice.Gender));
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Text_festival_cannot_say_fails_for_good_instead_of_giving_no_audio()
    {
        var error = await Assert.ThrowsAsync<SpeechException>(() => SynthesizeAsync("festival:en-us-slt", "Привет мир."));

        Assert.Equal(("speech.invalid_voice", false), (error.Code, error.Transient));
    }

    [Fact]
    public async Task Espeak_sentence_marks_fall_where_its_pauses_are_not_where_the_letters_would_put_them()
    {
        // The pauses after each "no," lengthen the first sentence far beyond its share of the letters.
        const string first = "No, no, no, no, no, no.";
        var alone = await SynthesizeAsync("local:en-us", first);

        var speech = await SynthesizeAsync("local:en-us", $"{first} Then the second sentence follows it with many more letters.");

        var second = speech.Marks!.Where(m => m.Type == SpeechMark.Sentence).ElementAt(1);
        Assert.InRange(second.TimeMs, alone.DurationMs - 250, alone.DurationMs + 250);
    }

    [Fact]
    public async Task Espeak_reads_double_brackets_in_the_text_as_written_not_as_phonemes()
    {
        // As phoneme input, "[[hEloU]]" is one short word and an unclosed "[[" swallows the rest; as written, the text
        // is spoken like the same text with single brackets (which espeak-ng reads as short pauses).
        var single = await SynthesizeAsync("local:en-us", "Say [hEloU] now, [ or ] [ this");

        var doubled = await SynthesizeAsync("local:en-us", "Say [[hEloU]] now, [[[ or ]] [[ this");

        Assert.InRange(doubled.DurationMs, single.DurationMs - 50, single.DurationMs + 50);
    }

    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six"];

    /// <summary>
    /// In time order, offsets ascending and naming what they point at, every written word covered by a word mark, and
    /// no mark past the end of the audio.
    /// </summary>
    private static void AssertMarksFollow(string text, SynthesizedSpeech speech)
    {
        var marks = speech.Marks ?? throw new Xunit.Sdk.XunitException("The engine gave no marks.");
        Assert.All(marks, m => Assert.Equal(m.Value, text[m.Start..m.End]));
        Assert.True(marks.Zip(marks.Skip(1)).All(p => p.First.TimeMs <= p.Second.TimeMs), "Marks go back in time.");
        var words = marks.Where(m => m.Type == SpeechMark.Word).ToList();
        Assert.True(words.Zip(words.Skip(1)).All(p => p.First.End <= p.Second.Start && p.First.TimeMs < p.Second.TimeMs), "Word marks go back in the text or stand still in time.");
        foreach (Match written in WrittenWord().Matches(text))
        {
            Assert.Contains(words, w => w.Start >= written.Index && w.End <= written.Index + written.Length);
        }

        Assert.InRange(words[^1].TimeMs, speech.DurationMs / 2, speech.DurationMs);
    }

    private static async Task<SynthesizedSpeech> SynthesizeAsync(string voice, string text, int? maxCharactersPerRun = null)
    {
        var (engine, name) = voice.Split(':', 2) switch
        {
            ["local", var n] => ((ISpeechEngine)new EspeakEngine(Options.Create(new EspeakOptions { MaxCharactersPerRun = maxCharactersPerRun ?? 4000 })), n),
            [_, var n] => (Festival(new FestivalOptions { MaxCharactersPerRun = maxCharactersPerRun ?? 2000 }), n),
            _ => throw new ArgumentException(voice),
        };
        return await engine.SynthesizeAsync(name, text, CancellationToken.None);
    }

    private static FestivalEngine Festival(FestivalOptions? options = null) =>
        new(Options.Create(options ?? new FestivalOptions()), NullLogger<FestivalEngine>.Instance);

    /// <summary>How long the MP3 plays, as lame decodes it.</summary>
    private static async Task<long> DecodedMsAsync(byte[] mp3)
    {
        var start = new ProcessStartInfo("lame", ["--quiet", "--mp3input", "--decode", "-", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var lame = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = lame.StandardOutput.BaseStream.CopyToAsync(output);
        await lame.StandardInput.BaseStream.WriteAsync(mp3);
        lame.StandardInput.Close();
        await reading;
        await lame.WaitForExitAsync();
        Assert.Equal(0, lame.ExitCode);
        return WavInfo.Layout(output.ToArray(), output.Length).DurationMs;
    }

    /// <summary>A run of non-spaces with a letter or digit in it.</summary>
    [GeneratedRegex(@"\S*[\p{L}\p{N}]\S*")]
    private static partial Regex WrittenWord();
}
