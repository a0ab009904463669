using System.Buffers;
using System.Runtime.InteropServices;
using Lector.Abstractions.Audio;

namespace Lector.Grains.Speech;

/// <summary>
/// Speech marks measured from the audio of an engine that reports no timings (espeak-ng): such an engine pauses
/// longest between sentences, and its pauses are digital silence, so the longest silent runs of the audio, one fewer
/// than the text has sentences, are taken as the sentence ends. Within a sentence each word is given a share of the
/// sentence's time in proportion to its letters and digits.
/// </summary>
internal static class PauseTimings
{
    /// <summary>Shorter silences are not pauses (a stop consonant's closure is about 40 ms).</summary>
    private const int MinPauseMs = 10;

    /// <summary>How much audio is read at a time.</summary>
    private const int ReadBytes = 64 * 1024;

    /// <summary>
    /// The layout of the 16-bit PCM WAVE audio <paramref name="wav"/> speaking <paramref name="text"/>, and its marks
    /// (offsets into the text). The audio is read once, a piece at a time.
    /// </summary>
    public static async Task<(PcmLayout Layout, IReadOnlyList<SpeechMark> Marks)> MeasureAsync(string text, Stream wav, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
        try
        {
            var filled = await wav.ReadAtLeastAsync(buffer.AsMemory(0, ReadBytes), WavInfo.HeadBytes, throwOnEndOfStream: false, cancellationToken);
            var layout = WavInfo.Layout(buffer.AsSpan(0, filled), wav.Length);
            var sentences = TextSplitter.Sentences(text)
                .Select(s => new Sentence(s.Start, s.End, [.. WordRanges.In(text, s.Start, s.End)]))
                .Where(s => s.Words.Count > 0)
                .ToList();
            if (sentences.Count == 0 || layout.BitsPerSample != 16 || layout.Channels < 1)
            {
                return (layout, []);
            }

            var silences = new Silences(layout.Channels, layout.SampleRate * MinPauseMs / 1000);
            long remaining = layout.DataLength;
            var start = layout.DataOffset;
            while (true)
            {
                // WAVE samples are little-endian, as on every machine Lector runs on. A read may end inside a sample:
                // its odd byte waits at the buffer's start for the rest.
                var usable = (int)Math.Min(filled - start, remaining);
                var whole = usable & ~1;
                silences.Add(MemoryMarshal.Cast<byte, short>(buffer.AsSpan(start, whole)));
                remaining -= whole;
                var carried = usable - whole;
                if (carried > 0)
                {
                    buffer[0] = buffer[start + whole];
                }

                var read = remaining > carried ? await wav.ReadAsync(buffer.AsMemory(carried, ReadBytes - carried), cancellationToken) : 0;
                if (read == 0)
                {
                    break;
                }

                filled = carried + read;
                start = 0;
            }

            return (layout, Marks(text, sentences, layout.SampleRate, silences));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static List<SpeechMark> Marks(string text, List<Sentence> sentences, int sampleRate, Silences silences)
    {
        var (soundStart, soundEnd) = (silences.SoundStart, silences.SoundEnd);
        if (soundEnd <= soundStart)
        {
            return [];
        }

        // The longest pauses end sentences; with fewer pauses than that the whole audio is one span, shared out by words.
        var pauses = silences.Pauses;
        var ends = pauses.Count >= sentences.Count - 1
            ? pauses.OrderByDescending(p => p.End - p.Start).ThenBy(p => p.Start).Take(sentences.Count - 1).OrderBy(p => p.Start).ToList()
            : null;
        var marks = new List<SpeechMark>();
        double Ms(long frame) => frame * 1000.0 / sampleRate;
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

    /// <summary>A sentence of the text and its words, as ranges of the text.</summary>
    private sealed record Sentence(int Start, int End, List<(int Start, int End)> Words);
}
