using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// One language's abbreviations and the pattern that finds any of them. The pattern is built from the table, so it
/// cannot be source-generated; it is an alternation of literals (longest first, no nested quantifiers), compiled
/// once per language, which runs in linear time.
/// </summary>
internal sealed class AbbreviationTable
{
    private readonly Dictionary<string, Abbreviation> _byWritten;

    public AbbreviationTable(IEnumerable<Abbreviation> abbreviations)
    {
        _byWritten = abbreviations.ToDictionary(a => a.Written, StringComparer.Ordinal);
        var alternatives = _byWritten.Keys
            .OrderByDescending(k => k.Length)
            .Select(k => Regex.Escape(k) + (char.IsLetter(k[^1]) ? @"(?![\p{L}\p{N}_])" : ""));
        Pattern = new Regex(
            @"(?<![\p{L}\p{N}_.])(?:" + string.Join('|', alternatives) + ")",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public Regex Pattern { get; }

    public Abbreviation this[string written] => _byWritten[written];
}
