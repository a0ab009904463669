using System.Diagnostics.CodeAnalysis;

namespace Lector.Abstractions.Audio;

/// <summary>
/// The identity of one audio: a (document, page, voice) triple. Its grain key is readable;
/// its public id is the same triple in a URL-safe, reversible form.
/// </summary>
public readonly record struct AudioKey(string DocumentId, int Page, string Voice)
{
    public string GrainKey => $"{DocumentId}/{Page}/{Voice}";

    public string PublicId => $"{DocumentId}.{Page}.{PublicIds.EncodeVoice(Voice)}";

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
            || !PublicIds.IsDocumentIdPart(parts[0])
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
            || page < 1
            || !PublicIds.TryDecodeVoice(parts[2], out var voice))
        {
            return false;
        }

        key = new AudioKey(parts[0], page, voice);
        return true;
    }
}
