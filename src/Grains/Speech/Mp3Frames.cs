namespace Lector.Grains.Speech;

/// <summary>
/// Reads MPEG audio Layer III frame headers: enough to measure MP3 audio and to join MP3 files by
/// concatenating their audio frames, dropping ID3 tags and Xing/Info/VBRI header frames whose counts would
/// describe only one of the parts.
/// </summary>
public static class Mp3Frames
{
    private static readonly int[] Mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1SampleRates = [44100, 48000, 32000];

    /// <summary>One audio frame: where it is and how many samples at which rate it holds.</summary>
    public readonly record struct Frame(int Offset, int Length, int Samples, int SampleRate);

    /// <summary>The audio frames of an MP3 file; throws when there are none.</summary>
    public static IReadOnlyList<Frame> Read(ReadOnlySpan<byte> mp3)
    {
        var frames = new List<Frame>();
        var offset = SkipId3v2(mp3);
        while (offset + 4 <= mp3.Length)
        {
            if (!TryReadHeader(mp3[offset..], out var frame) || offset + frame.Length > mp3.Length)
            {
                // Not a frame here (a trailing ID3v1 tag, padding, or damage): look for the next sync word.
                offset++;
                continue;
            }

            if (!IsVbrHeader(mp3.Slice(offset, frame.Length)))
            {
                frames.Add(frame with { Offset = offset });
            }

            offset += frame.Length;
        }

        return frames.Count > 0
            ? frames
            : throw new SpeechException("speech.bad_output", "The engine did not produce MP3 audio.", transient: false);
    }

    public static long DurationMs(IReadOnlyList<Frame> frames) =>
        (long)Math.Round(frames.Sum(f => f.Samples * 1000.0 / f.SampleRate));

    /// <summary>One MP3 of the audio frames of all parts, in order.</summary>
    public static byte[] Join(IReadOnlyList<(byte[] Mp3, IReadOnlyList<Frame> Frames)> parts)
    {
        var joined = new MemoryStream(parts.Sum(p => p.Frames.Sum(f => f.Length)));
        foreach (var (mp3, frames) in parts)
        {
            foreach (var frame in frames)
            {
                joined.Write(mp3, frame.Offset, frame.Length);
            }
        }

        return joined.ToArray();
    }

    /// <summary>
    /// About <paramref name="durationMs"/> of silence: MPEG-2 Layer III frames (22,050 Hz, mono, 8 kbit/s) whose side
    /// information is all zero, so every decoder reads them as zero samples. What a page with nothing to say sounds like.
    /// </summary>
    public static byte[] Silence(int durationMs)
    {
        const int sampleRate = 22050;
        const int samplesPerFrame = 576;
        ReadOnlySpan<byte> header = [0xFF, 0xF3, 0x10, 0xC0];
        TryReadHeader(header, out var frame);
        var count = Math.Max(1, (int)Math.Ceiling(durationMs * (double)sampleRate / samplesPerFrame / 1000));
        var silence = new byte[count * frame.Length];
        for (var i = 0; i < count; i++)
        {
            header.CopyTo(silence.AsSpan(i * frame.Length));
        }

        return silence;
    }

    private static int SkipId3v2(ReadOnlySpan<byte> mp3)
    {
        if (mp3.Length < 10 || !mp3[..3].SequenceEqual("ID3"u8))
        {
            return 0;
        }

        // Syncsafe size: 7 bits a byte; a footer adds 10 bytes.
        var size = (mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9];
        var footer = (mp3[5] & 0x10) != 0 ? 10 : 0;
        return Math.Min(mp3.Length, 10 + size + footer);
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> data, out Frame frame)
    {
        frame = default;
        if (data[0] != 0xFF || (data[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (data[1] >> 3) & 0x3; // 0: MPEG 2.5, 2: MPEG 2, 3: MPEG 1
        var layer = (data[1] >> 1) & 0x3; // 1: Layer III
        var bitrateIndex = data[2] >> 4;
        var sampleRateIndex = (data[2] >> 2) & 0x3;
        var padding = (data[2] >> 1) & 0x1;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || sampleRateIndex == 3)
        {
            return false;
        }

        var mpeg1 = version == 3;
        var bitrate = (mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates)[bitrateIndex] * 1000;
        var sampleRate = Mpeg1SampleRates[sampleRateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        var samples = mpeg1 ? 1152 : 576;
        var length = (samples / 8 * bitrate / sampleRate) + padding;
        frame = new Frame(0, length, samples, sampleRate);
        return true;
    }

    private static bool IsVbrHeader(ReadOnlySpan<byte> frame)
    {
        var mpeg1 = ((frame[1] >> 3) & 0x3) == 3;
        var mono = (frame[3] >> 6) == 3;
        var sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        return HasTag(frame, 4 + sideInfo, "Xing"u8) || HasTag(frame, 4 + sideInfo, "Info"u8) || HasTag(frame, 36, "VBRI"u8);
    }

    private static bool HasTag(ReadOnlySpan<byte> frame, int at, ReadOnlySpan<byte> tag) =>
        at + tag.Length <= frame.Length && frame.Slice(at, tag.Length).SequenceEqual(tag);
}
