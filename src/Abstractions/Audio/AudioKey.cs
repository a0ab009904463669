using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Lector.Abstractions.Audio;

/// <summary>
/// The identity of one audio: a (document, page, voice) triple. Its grain key is readable;
/// its public id is the same triple in a URL-safe, reversible form.
/// </summary>
public readonly record struct AudioKey(string DocumentId, int Page, string Voice)
{
    public string GrainKey => $"{DocumentId}/{Page}/{Voice}";

    public string PublicId => $"{DocumentId}.{Page}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Voice))}";

    public static AudioKey FromGrainKey(string key)
    {
        var parts = key.Split('/', 3);
        return new AudioKey(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }

    public static bool TryParsePublicId(string? id, [NotNullWhen(true)] out AudioKey? key)
    {
        key = null;
        var parts = id?.Split('.') ?? [];
        if (parts.Length != 3
            || parts[0].Length is 0 or > 64
            || !parts[0].All(char.IsAsciiLetterOrDigit)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
            || page < 1
            || parts[2].Length is 0 or > 200
            || !Base64Url.IsValid(parts[2]))
        {
            return false;
        }

        string voice;
        try
        {
            voice = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(parts[2]));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (voice.Length == 0 || voice.Any(char.IsControl))
        {
            return false;
        }

        key = new AudioKey(parts[0], page, voice);
        return true;
    }
}
