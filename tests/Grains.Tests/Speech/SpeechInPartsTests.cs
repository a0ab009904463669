using System.Diagnostics;
using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Speech;

public sealed class SpeechInPartsTests
{
    [Fact]
    public async Task Parts_are_joined_frame_by_frame_and_their_marks_move_by_their_place_in_text_and_audio()
    {
        const string text = "First part here. Second part there.";
        var parts = TextSplitter.Split(text, 20, _ => 1);
        Assert.Equal(2, parts.Count);

        var joined = await SpeechInParts.SynthesizeAsync(parts, part => Task.FromResult(new SynthesizedSpeech(
            Mp3Frames.Silence(500),
            "mp3",
            500,
            [new SpeechMark(100, SpeechMark.Word, 0, part.Text.IndexOf(' ', StringComparison.Ordinal), part.Text[..part.Text.IndexOf(' ', StringComparison.Ordinal)])],
            BilledCharacters: part.Text.Length)));

        var partMs = Mp3Frames.DurationMs(Mp3Frames.Read(Mp3Frames.Silence(500)));
        Assert.Equal(2 * Mp3Frames.Read(Mp3Frames.Silence(500)).Count, Mp3Frames.Read(joined.Audio).Count);
        Assert.Equal(2 * partMs, joined.DurationMs);
        Assert.Equal([("First", 100L), ("Second", 100 + partMs)], joined.Marks!.Select(m => (text[m.Start..m.End], m.TimeMs)));
        Assert.Equal(parts.Sum(p => p.Text.Length), joined.BilledCharacters);
    }

    [Fact]
    public async Task No_parts_is_no_text_to_speak()
    {
        var error = await Assert.ThrowsAsync<SpeechException>(() => SpeechInParts.SynthesizeAsync([], _ => throw new InvalidOperationException("not called")));

        Assert.Equal(("speech.empty_text", false), (error.Code, error.Transient));
    }

    [Fact]
    public async Task The_local_engine_speaks_a_page_longer_than_one_run_in_parts_as_long_as_in_one()
    {
        var text = string.Join(' ', Enumerable.Range(1, 8).Select(i => $"Sentence number {i} of a long page goes on for a while."));
        var inOne = await new EspeakEngine(Options.Create(new EspeakOptions())).SynthesizeAsync("en-us", text, CancellationToken.None);

        var inParts = await new EspeakEngine(Options.Create(new EspeakOptions { MaxCharactersPerRun = 150 })).SynthesizeAsync("en-us", text, CancellationToken.None);

        Assert.True(TextSplitter.Split(text, 150, _ => 1).Count >= 3);
        Assert.Equal(inParts.DurationMs, Mp3Frames.DurationMs(Mp3Frames.Read(inParts.Audio)));
        Assert.InRange(inParts.DurationMs, inOne.DurationMs * 0.9, inOne.DurationMs * 1.2);
    }

    [Fact]
    public async Task Silence_decodes_to_zero_samples_for_as_long_as_asked()
    {
        using var directory = new Lector.Testing.TempDirectory();
        var mp3 = Path.Combine(directory.Path, "silence.mp3");
        var wav = Path.Combine(directory.Path, "silence.wav");
        await File.WriteAllBytesAsync(mp3, Mp3Frames.Silence(1000));

        using (var lame = Process.Start(new ProcessStartInfo("lame", ["--quiet", "--decode", mp3, wav]) { UseShellExecute = false })!)
        {
            await lame.WaitForExitAsync();
            Assert.Equal(0, lame.ExitCode);
        }

        var samples = (await File.ReadAllBytesAsync(wav))[44..];
        // The decoder drops its delay of about 529 samples at the start.
        Assert.InRange(samples.Length / 2, 22_050 * 0.95, 22_050 * 1.1);
        Assert.All(samples, b => Assert.Equal(0, b));
    }
}
