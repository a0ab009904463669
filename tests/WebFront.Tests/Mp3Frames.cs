namespace Lector.WebFront.Tests;

/// <summary>Walks MPEG audio frame headers to prove bytes decode as MP3 and to measure their duration.</summary>
public static class Mp3Frames
{
    private static readonly int[] BitratesV1L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] BitratesV2L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] SampleRatesV1 = [44100, 48000, 32000];

    public static double DurationSeconds(ReadOnlySpan<byte> mp3)
    {
        var offset = SkipId3(mp3);
        var frames = 0;
        double seconds = 0;
        while (offset + 4 <= mp3.Length)
        {
            var header = mp3.Slice(offset, 4);
            if (header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
            {
                throw new InvalidDataException($"No MPEG frame at byte {offset}.");
            }

            var version = (header[1] >> 3) & 0b11; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
            var layer = (header[1] >> 1) & 0b11;   // 1 = layer III
            var bitrateIndex = header[2] >> 4;
            var sampleRateIndex = (header[2] >> 2) & 0b11;
            var padding = (header[2] >> 1) & 1;
            if (layer != 1 || bitrateIndex is 0 or 15 || sampleRateIndex == 3 || version == 1)
            {
                throw new InvalidDataException($"Unsupported MPEG frame header at byte {offset}.");
            }

            var sampleRate = SampleRatesV1[sampleRateIndex] / (version == 3 ? 1 : version == 2 ? 2 : 4);
            var bitrate = (version == 3 ? BitratesV1L3 : BitratesV2L3)[bitrateIndex] * 1000;
            var samplesPerFrame = version == 3 ? 1152 : 576;
            var frameLength = (samplesPerFrame / 8 * bitrate / sampleRate) + padding;
            seconds += (double)samplesPerFrame / sampleRate;
            frames++;
            offset += frameLength;
        }

        return frames > 10 ? seconds : throw new InvalidDataException("Too few MPEG frames.");
    }

    private static int SkipId3(ReadOnlySpan<byte> mp3)
    {
        if (mp3.Length < 10 || !mp3[..3].SequenceEqual("ID3"u8))
        {
            return 0;
        }

        var size = (mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9];
        return 10 + size;
    }
}
