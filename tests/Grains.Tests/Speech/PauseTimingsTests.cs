using System.Buffers.Binary;
using Lector.Grains.Speech;

namespace Lector.Grains.Tests.Speech;

/// <summary>Marks measured from pauses, on audio made here: 1,000 samples a second, so a sample is a millisecond.</summary>
public sealed class PauseTimingsTests
{
    [Fact]
    public void The_longest_pauses_end_the_sentences_and_words_share_their_sentence_by_letters()
    {
        const string text = "One two. Three, four five. Six.";

        // Sound is any non-zero sample; the 150 ms silence inside the second sentence is its comma.
        var wav = Wav((100, false), (900, true), (400, false), (500, true), (150, false), (550, true), (300, false), (500, true), (200, false));

        var marks = PauseTimings.Marks(text, wav);

        Assert.Equal(
            [
                (100L, "sentence", "One two."), (100L, "word", "One"), (550L, "word", "two"),
                (1400L, "sentence", "Three, four five."), (1400L, "word", "Three"), (1400L + (1200 * 6 / 16), "word", "four"), (1400L + (1200 * 11 / 16), "word", "five"),
                (2900L, "sentence", "Six."), (2900L, "word", "Six"),
            ],
            marks.Select(m => (m.TimeMs, m.Type, m.Value)));
        Assert.All(marks, m => Assert.Equal(m.Value, text[m.Start..m.End]));
    }

    [Fact]
    public void With_fewer_pauses_than_sentence_ends_the_whole_sound_is_shared_by_letters()
    {
        const string text = "Abc. Def.";

        var marks = PauseTimings.Marks(text, Wav((50, false), (800, true), (50, false)));

        Assert.Equal([(50L, "Abc."), (50L, "Abc"), (450L, "Def."), (450L, "Def")], marks.Select(m => (m.TimeMs, m.Value)));
    }

    [Fact]
    public void Silence_or_a_text_without_words_has_no_marks()
    {
        Assert.Empty(PauseTimings.Marks("Words here.", Wav((500, false))));
        Assert.Empty(PauseTimings.Marks("... !", Wav((500, true))));
    }

    /// <summary>A mono 16-bit WAVE file at 1,000 Hz of runs of sound (a constant non-zero sample) and silence.</summary>
    private static byte[] Wav(params (int Ms, bool Sound)[] runs)
    {
        var samples = runs.SelectMany(r => Enumerable.Repeat(r.Sound ? (short)1200 : (short)0, r.Ms)).ToArray();
        var wav = new byte[44 + (samples.Length * 2)];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 1000);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 2000);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (i * 2)), samples[i]);
        }

        return wav;
    }
}
