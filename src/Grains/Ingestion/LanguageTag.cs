using System.Text.RegularExpressions;

namespace Lector.Grains.Ingestion;

/// <summary>A document's declared language (EPUB <c>dc:language</c>, DOCX <c>w:lang</c>, HTML <c>lang</c>) as a BCP 47 tag.</summary>
public static partial class LanguageTag
{
    /// <summary>
    /// The tag in its usual case ("en", "en-GB", "es-419", "zh-Hant"), or null when <paramref name="declared"/> is
    /// missing or not a language tag: an unusable declaration leaves the choice to detection.
    /// </summary>
    public static string? Parse(string? declared)
    {
        var tag = declared?.Trim().Replace('_', '-');
        if (string.IsNullOrEmpty(tag) || !Shape().IsMatch(tag))
        {
            return null;
        }

        var parts = tag.Split('-');
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
        {
            parts[i] = parts[i].Length switch
            {
                2 => parts[i].ToUpperInvariant(),
                4 => char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant(),
                _ => parts[i].ToLowerInvariant(),
            };
        }

        return string.Join('-', parts);
    }

    /// <summary>A two- or three-letter language, then subtags of two to eight letters or digits (script, region, variant).</summary>
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex Shape();
}
