using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Lexicon;

/// <summary>What espeak-ng itself is given for a pronounced word, read by a stand-in that records its input and runs it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EspeakPronunciationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_pronounced_word_reaches_espeak_ng_as_phoneme_input_and_marks_stay_on_the_written_word()
    {
        const string text = "I like pecan pie. Pecan is a nut.";
        var log = Path.Combine(_directory.Path, "input.txt");
        var engine = new EspeakEngine(Options.Create(new EspeakOptions { Executable = RecordingEspeak(log) }));

        var speech = await engine.SynthesizeAsync("en-us", new SpeechText(text, [new Pronunciation(7, 5, "pɪˈkɑːn")]), CancellationToken.None);

        Assert.Equal("I like [[pI'kA:n]] pie. Pecan is a nut.", await File.ReadAllTextAsync(log));
        Assert.Contains(speech.Marks!, m => m.Type == SpeechMark.Word && text[m.Start..m.End] == "pecan");
        Assert.True(speech.DurationMs > 500);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A stand-in for espeak-ng that keeps the text it is asked to speak, then speaks it.</summary>
    private string RecordingEspeak(string log)
    {
        var path = Path.Combine(_directory.Path, "recording-espeak-ng");
        File.WriteAllText(path, $"#!/bin/sh\ncase \"$*\" in *--stdin*) tee '{log}' | exec espeak-ng \"$@\";; esac\nexec espeak-ng \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
