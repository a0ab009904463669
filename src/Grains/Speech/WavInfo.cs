using System.Buffers.Binary;

namespace Lector.Grains.Speech;

/// <summary>Reads the length of PCM audio from a RIFF/WAVE header.</summary>
internal static class WavInfo
{
    /// <summary>Duration in milliseconds; espeak-ng writing to a pipe leaves the data size unset, so the bytes present count.</summary>
    public static long DurationMs(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            throw new SpeechException("speech.bad_output", "The engine did not produce WAVE audio.", transient: false);
        }

        int? byteRate = null;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = wav.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 12 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.Slice(body + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (byteRate is null or <= 0)
                {
                    break;
                }

                long available = wav.Length - body;
                var dataBytes = size == 0 || size > available ? available : size;
                return dataBytes * 1000 / byteRate.Value;
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        throw new SpeechException("speech.bad_output", "The engine's WAVE audio has no readable data.", transient: false);
    }
}
