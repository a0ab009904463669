using System.Buffers.Binary;

namespace Lector.Grains.Speech;

/// <summary>Where the PCM samples of a RIFF/WAVE file are and how they are laid out.</summary>
internal readonly record struct PcmLayout(int SampleRate, int Channels, int BitsPerSample, int ByteRate, int DataOffset, int DataLength)
{
    public long DurationMs => (long)DataLength * 1000 / ByteRate;
}

/// <summary>Reads the layout and length of PCM audio from a RIFF/WAVE header.</summary>
internal static class WavInfo
{
    /// <summary>Duration in milliseconds of the samples present.</summary>
    public static long DurationMs(ReadOnlySpan<byte> wav) => Layout(wav).DurationMs;

    /// <summary>
    /// The format and data chunks; a program writing to a pipe (espeak-ng) leaves the data size unset, so the bytes
    /// present count.
    /// </summary>
    public static PcmLayout Layout(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            throw new SpeechException("speech.bad_output", "The engine did not produce WAVE audio.", transient: false);
        }

        (int SampleRate, int Channels, int Bits, int ByteRate)? format = null;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = wav.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= wav.Length)
            {
                format = (
                    BinaryPrimitives.ReadInt32LittleEndian(wav.Slice(body + 4, 4)),
                    BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(body + 2, 2)),
                    BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(body + 14, 2)),
                    BinaryPrimitives.ReadInt32LittleEndian(wav.Slice(body + 8, 4)));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is not { ByteRate: > 0 } f)
                {
                    break;
                }

                var available = wav.Length - body;
                var dataBytes = size == 0 || size > available ? available : (int)size;
                return new PcmLayout(f.SampleRate, f.Channels, f.Bits, f.ByteRate, body, dataBytes);
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        throw new SpeechException("speech.bad_output", "The engine's WAVE audio has no readable data.", transient: false);
    }
}
