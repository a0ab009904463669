using System.Runtime.InteropServices;
using Lector.Abstractions.Audio;

namespace Lector.Grains.Speech;

/// <summary>
/// Speech marks measured from the audio of an engine that reports no timings (espeak-ng): such an engine pauses
/// longest between sentences, and its pauses are digital silence, so the longest silent runs of the audio, one fewer
/// than the text has sentences, are taken as the sentence ends. Within a sentence each word is given a share of the
/// sentence's time in proportion to its letters and digits.
/// </summary>
public static class PauseTimings
{
    /// <summary>Shorter silences are not pauses (a stop consonant's closure is about 40 ms).</summary>
    private const int MinPauseMs = 10;

    /// <summary>Marks for <paramref name="text"/>, spoken as 16-bit PCM in <paramref name="wav"/>; offsets are into the text.</summary>
    public static IReadOnlyList<SpeechMark> Marks(string text, ReadOnlySpan<byte> wav)
    {
        var sentences = TextSplitter.Sentences(text)
            .Select(s => new Sentence(s.Start, s.End, [.. WordRanges.In(text, s.Start, s.End)]))
            .Where(s => s.Words.Count > 0)
            .ToList();
        var layout = WavInfo.Layout(wav);
        if (sentences.Count == 0 || layout.BitsPerSample != 16 || layout.Channels < 1)
        {
            return [];
        }

        // WAVE samples are little-endian, as on every machine Lector runs on.
        var samples = MemoryMarshal.Cast<byte, short>(wav.Slice(layout.DataOffset, layout.DataLength & ~1));
        var pauses = Silences(samples, layout.Channels, layout.SampleRate * MinPauseMs / 1000, out var soundStart, out var soundEnd);
        if (soundEnd <= soundStart)
        {
            return [];
        }

        // The longest pauses end sentences; with fewer pauses than that the whole audio is one span, shared out by words.
        var ends = pauses.Count >= sentences.Count - 1
            ? pauses.OrderByDescending(p => p.End - p.Start).ThenBy(p => p.Start).Take(sentences.Count - 1).OrderBy(p => p.Start).ToList()
            : null;
        var marks = new List<SpeechMark>();
        double Ms(long frame) => frame * 1000.0 / layout.SampleRate;
        if (ends is null)
        {
            AddSpan(marks, text, sentences, Ms(soundStart), Ms(soundEnd));
            return marks;
        }

        for (var i = 0; i < sentences.Count; i++)
        {
            var from = i == 0 ? soundStart : ends[i - 1].End;
            var to = i == sentences.Count - 1 ? soundEnd : ends[i].Start;
            AddSpan(marks, text, [sentences[i]], Ms(from), Ms(to));
        }

        return marks;
    }

    /// <summary>Sentence and word marks for sentences spoken one after the other from <paramref name="fromMs"/> to <paramref name="toMs"/>.</summary>
    private static void AddSpan(List<SpeechMark> marks, string text, List<Sentence> sentences, double fromMs, double toMs)
    {
        double total = sentences.Sum(s => s.Words.Sum(w => Weight(text, w)));
        double before = 0;
        long TimeMs() => (long)(fromMs + ((toMs - fromMs) * before / total));
        foreach (var sentence in sentences)
        {
            marks.Add(new SpeechMark(TimeMs(), SpeechMark.Sentence, sentence.Start, sentence.End, text[sentence.Start..sentence.End]));
            foreach (var word in sentence.Words)
            {
                marks.Add(new SpeechMark(TimeMs(), SpeechMark.Word, word.Start, word.End, text[word.Start..word.End]));
                before += Weight(text, word);
            }
        }
    }

    /// <summary>A word's share of its sentence's time: its letters and digits, and one for the step to the next word.</summary>
    private static int Weight(string text, (int Start, int End) word)
    {
        var weight = 1;
        for (var i = word.Start; i < word.End; i++)
        {
            weight += char.IsLetterOrDigit(text[i]) ? 1 : 0;
        }

        return weight;
    }

    /// <summary>
    /// The runs of zero samples at least <paramref name="minFrames"/> frames long between the first and the last sound,
    /// and where the sound starts and ends (in frames, the end exclusive).
    /// </summary>
    private static List<(long Start, long End)> Silences(ReadOnlySpan<short> samples, int channels, int minFrames, out long soundStart, out long soundEnd)
    {
        var pauses = new List<(long Start, long End)>();
        var first = samples.IndexOfAnyExcept((short)0);
        soundStart = Math.Max(0, first) / channels;
        soundEnd = soundStart;
        if (first < 0)
        {
            return pauses;
        }

        var i = first;
        while (true)
        {
            var silence = samples[i..].IndexOf((short)0);
            if (silence < 0)
            {
                soundEnd = ((samples.Length - 1) / channels) + 1;
                return pauses;
            }

            silence += i;
            var sound = samples[silence..].IndexOfAnyExcept((short)0);
            if (sound < 0)
            {
                soundEnd = ((silence - 1) / channels) + 1;
                return pauses;
            }

            i = silence + sound;
            if (i - silence >= minFrames * channels)
            {
                pauses.Add((silence / channels, i / channels));
            }
        }
    }

    /// <summary>A sentence of the text and its words, as ranges of the text.</summary>
    private sealed record Sentence(int Start, int End, List<(int Start, int End)> Words);
}
