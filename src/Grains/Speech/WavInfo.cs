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
    /// <summary>How much of a file's beginning is read for its header: the format and data chunks come first in the files engines write.</summary>
    public const int HeadBytes = 4096;

    /// <summary>
    /// The format and data chunks, from the file's first bytes <paramref name="head"/> and its whole
    /// <paramref name="length"/>. A program writing to a pipe leaves the data size unset, so the bytes present count.
    /// </summary>
    public static PcmLayout Layout(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 12 || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            throw new SpeechException("speech.bad_output", "The engine did not produce WAVE audio.", transient: false);
        }

        (int SampleRate, int Channels, int Bits, int ByteRate)? format = null;
        var offset = 12;
        while (offset + 8 <= head.Length)
        {
            var id = head.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= head.Length)
            {
                format = (
                    BinaryPrimitives.ReadInt32LittleEndian(head.Slice(body + 4, 4)),
                    BinaryPrimitives.ReadInt16LittleEndian(head.Slice(body + 2, 2)),
                    BinaryPrimitives.ReadInt16LittleEndian(head.Slice(body + 14, 2)),
                    BinaryPrimitives.ReadInt32LittleEndian(head.Slice(body + 8, 4)));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is not { ByteRate: > 0 } f)
                {
                    break;
                }

                var available = Math.Min(length - body, int.MaxValue);
                var dataBytes = size == 0 || size > available ? (int)available : (int)size;
                return new PcmLayout(f.SampleRate, f.Channels, f.Bits, f.ByteRate, body, dataBytes);
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        throw new SpeechException("speech.bad_output", "The engine's WAVE audio has no readable data.", transient: false);
    }

    /// <summary>The layout of the WAVE file at <paramref name="path"/>.</summary>
    public static async Task<PcmLayout> ReadLayoutAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: false);
        var head = new byte[HeadBytes];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return Layout(head.AsSpan(0, read), file.Length);
    }
}
