using System.Diagnostics.CodeAnalysis;
using Lector.Abstractions.Audio;

namespace Lector.Abstractions.Exports;

/// <summary>
/// The identity of one export: a (document, format, voice) triple, so asking twice gives the same export. Its grain
/// key is readable; its public id is the same triple in a URL-safe, reversible form (<c>{document}.{format}.{voice}</c>).
/// </summary>
public readonly record struct ExportKey(string DocumentId, ExportFormat Format, string Voice)
{
    public string GrainKey => $"{DocumentId}/{Format.Name()}/{Voice}";

    public string PublicId => $"{DocumentId}.{Format.Name()}.{PublicIds.EncodeVoice(Voice)}";

    /// <summary>Document ids and format names hold no slash, so the second one separates the voice, which may.</summary>
    public static ExportKey FromGrainKey(string key)
    {
        var parts = key.Split('/', 3);
        return ExportFormats.TryParse(parts[1], out var format)
            ? new ExportKey(parts[0], format, parts[2])
            : throw new ArgumentException("Not an export grain key.", nameof(key));
    }

    public static bool TryParsePublicId(string? id, [NotNullWhen(true)] out ExportKey? key)
    {
        key = null;
        var parts = id?.Split('.') ?? [];
        if (parts.Length != 3
            || !PublicIds.IsDocumentIdPart(parts[0])
            || !ExportFormats.TryParse(parts[1], out var format)
            || !PublicIds.TryDecodeVoice(parts[2], out var voice))
        {
            return false;
        }

        key = new ExportKey(parts[0], format, voice);
        return true;
    }
}
