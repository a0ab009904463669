using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Lector.Abstractions.Audio;

/// <summary>
/// The parts public ids (of audio, of exports) are made of. A voice goes in as URL-safe base64 of its UTF-8, so ids
/// with colons (or any other character a voice id may hold) fit in one path segment and read back to exactly the voice.
/// </summary>
public static class PublicIds
{
    private const int MaxEncodedVoiceLength = 200;

    public static string EncodeVoice(string voice) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(voice));

    /// <summary>The voice in <paramref name="encoded"/>; false for anything <see cref="EncodeVoice"/> cannot have made of a voice id.</summary>
    public static bool TryDecodeVoice(string encoded, [NotNullWhen(true)] out string? voice)
    {
        voice = null;
        if (encoded.Length is 0 or > MaxEncodedVoiceLength || !Base64Url.IsValid(encoded))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (decoded.Length == 0 || decoded.Any(char.IsControl))
        {
            return false;
        }

        voice = decoded;
        return true;
    }

    /// <summary>What may stand where a public id holds its document id: letters and digits, bounded (the grain says whether it exists).</summary>
    public static bool IsDocumentIdPart(string part) => part.Length is > 0 and <= 64 && part.All(char.IsAsciiLetterOrDigit);
}
