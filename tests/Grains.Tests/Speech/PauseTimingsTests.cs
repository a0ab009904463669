using System.Buffers.Binary;
using Lector.Grains.Speech;

namespace Lector.Grains.Tests.Speech;

/// <summary>Marks measured from pauses, on audio made here: 1,000 samples a second, so a sample is a millisecond.</summary>
public sealed class PauseTimingsTests
{
    private const string ThreeSentences = "One two. Three, four five. Six.";

    /// <summary>Sound is any non-zero sample; the 150 ms silence inside the second sentence is its comma.</summary>
    private static readonly byte[] ThreeSentencesSpoken =
        Wav((100, false), (900, true), (400, false), (500, true), (150, false), (550, true), (300, false), (500, true), (200, false));

    [Fact]
    public async Task The_longest_pauses_end_the_sentences_and_words_share_their_sentence_by_letters()
    {
        const string text = ThreeSentences;

        var (layout, marks) = await MeasureAsync(text, new MemoryStream(ThreeSentencesSpoken));

        Assert.Equal(
            [
                (100L, "sentence", "One two."), (100L, "word", "One"), (550L, "word", "two"),
                (1400L, "sentence", "Three, four five."), (1400L, "word", "Three"), (1400L + (1200 * 6 / 16), "word", "four"), (1400L + (1200 * 11 / 16), "word", "five"),
                (2900L, "sentence", "Six."), (2900L, "word", "Six"),
            ],
            marks.Select(m => (m.TimeMs, m.Type, m.Value)));
        Assert.All(marks, m => Assert.Equal(m.Value, text[m.Start..m.End]));
        Assert.Equal(3600, layout.DurationMs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4097)]
    public async Task Audio_read_in_pieces_that_split_samples_gives_the_marks_of_audio_read_whole(int pieceBytes)
    {
        var whole = await MeasureAsync(ThreeSentences, new MemoryStream(ThreeSentencesSpoken));

        var pieces = await MeasureAsync(ThreeSentences, new PieceStream(ThreeSentencesSpoken, pieceBytes));

        Assert.Equal(whole.Layout, pieces.Layout);
        Assert.Equal(whole.Marks, pieces.Marks);
    }

    [Fact]
    public async Task Bytes_after_the_data_chunk_are_neither_sound_nor_length()
    {
        // One sentence shared by its two words; a trailing chunk of non-zero bytes would move the end of the sound.
        var spoken = Wav((100, false), (800, true), (200, false));
        var trailed = spoken.Concat("LIST"u8.ToArray()).Concat(BitConverter.GetBytes(8)).Concat(Enumerable.Repeat((byte)0x55, 8)).ToArray();

        var (layout, marks) = await MeasureAsync("Abc def.", new MemoryStream(trailed));

        Assert.Equal([(100L, "Abc def."), (100L, "Abc"), (500L, "def")], marks.Select(m => (m.TimeMs, m.Value)));
        Assert.Equal(1100, layout.DurationMs);
    }

    [Fact]
    public async Task With_fewer_pauses_than_sentence_ends_the_whole_sound_is_shared_by_letters()
    {
        const string text = "Abc. Def.";

        var (_, marks) = await MeasureAsync(text, new MemoryStream(Wav((50, false), (800, true), (50, false))));

        Assert.Equal([(50L, "Abc."), (50L, "Abc"), (450L, "Def."), (450L, "Def")], marks.Select(m => (m.TimeMs, m.Value)));
    }

    [Fact]
    public async Task Silence_or_a_text_without_words_has_no_marks_but_its_length()
    {
        var silence = await MeasureAsync("Words here.", new MemoryStream(Wav((500, false))));
        var wordless = await MeasureAsync("... !", new MemoryStream(Wav((500, true))));

        Assert.Empty(silence.Marks);
        Assert.Empty(wordless.Marks);
        Assert.Equal([500L, 500L], [silence.Layout.DurationMs, wordless.Layout.DurationMs]);
    }

    [Fact]
    public async Task Output_that_is_not_wave_audio_fails_for_good()
    {
        var error = await Assert.ThrowsAsync<SpeechException>(() => MeasureAsync("Words.", new MemoryStream("not a WAVE file at all"u8.ToArray())));

        Assert.Equal(("speech.bad_output", false), (error.Code, error.Transient));
    }

    private static async Task<(PcmLayout Layout, IReadOnlyList<Lector.Abstractions.Audio.SpeechMark> Marks)> MeasureAsync(string text, Stream wav) =>
        await PauseTimings.MeasureAsync(text, wav, CancellationToken.None);

    /// <summary>A stream of the bytes that answers each read with at most <paramref name="pieceBytes"/> of them, as a pipe or socket may.</summary>
    private sealed class PieceStream(byte[] bytes, int pieceBytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, pieceBytes));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, pieceBytes)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, pieceBytes)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, pieceBytes), cancellationToken);
    }

    /// <summary>
    /// A mono 16-bit WAVE file at 1,000 Hz of runs of sound and silence. Sound alternates samples whose low and whose
    /// high byte alone is set, so a byte lost or misplaced between reads turns sound into silence.
    /// </summary>
    private static byte[] Wav(params (int Ms, bool Sound)[] runs)
    {
        var samples = runs.SelectMany(r => Enumerable.Range(0, r.Ms).Select(i => r.Sound ? (short)(i % 2 == 0 ? 0x0001 : 0x0100) : (short)0)).ToArray();
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
