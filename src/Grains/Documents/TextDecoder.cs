using System.Text;

namespace Lector.Grains.Documents;

/// <summary>Turns uploaded bytes into text: UTF-8 or UTF-16 with a BOM, strict UTF-8, else Latin-1 if it still looks like text.</summary>
public static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>The text, or null when the bytes are not text (binary data, NULs, control characters).</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes)
    {
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = DecodeOrNull(StrictUtf8, bytes[3..]) ?? "\0";
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = DecodeOrNull(new UnicodeEncoding(false, false, true), bytes[2..]) ?? "\0";
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = DecodeOrNull(new UnicodeEncoding(true, false, true), bytes[2..]) ?? "\0";
        }
        else
        {
            text = DecodeOrNull(StrictUtf8, bytes) ?? Encoding.Latin1.GetString(bytes);
        }

        return LooksLikeText(text) ? text : null;
    }

    private static string? DecodeOrNull(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool LooksLikeText(string text)
    {
        var control = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return false;
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                control++;
            }
        }

        // Latin-1 maps every byte to a character, so binary data must be caught by its control characters.
        return control <= text.Length / 100;
    }
}
