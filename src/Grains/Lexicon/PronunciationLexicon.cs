using System.Globalization;
using Lector.Abstractions.Lexicon;

namespace Lector.Grains.Lexicon;

/// <summary>
/// A lexicon ready to find its graphemes in a text: as whole words (no letter, digit or combining mark right before or
/// after), with case as written, the longest grapheme first where several start at one place, left to right without
/// overlaps. Polly's own lexicons match the same way.
/// </summary>
public sealed class PronunciationLexicon
{
    public static readonly PronunciationLexicon Empty = new([]);

    /// <summary>Entries by their grapheme's first character, longest grapheme first.</summary>
    private readonly Dictionary<char, LexiconEntry[]> _byFirst;

    public PronunciationLexicon(IEnumerable<LexiconEntry> entries)
    {
        _byFirst = entries
            .Where(e => e.Grapheme.Length > 0)
            .GroupBy(e => e.Grapheme[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Grapheme.Length).ToArray());
    }

    public bool IsEmpty => _byFirst.Count == 0;

    /// <summary>A lexicon of the graphemes alone, to tell whether a text contains any of them.</summary>
    public static PronunciationLexicon Of(IEnumerable<string> graphemes) => new(graphemes.Select(g => new LexiconEntry(g, g, null)));

    public static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Where the graphemes occur in <paramref name="text"/>, in order.</summary>
    public IEnumerable<(int Start, LexiconEntry Entry)> Find(string text)
    {
        if (IsEmpty)
        {
            yield break;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if ((i > 0 && IsWordCharacter(text[i - 1])) || !_byFirst.TryGetValue(text[i], out var candidates))
            {
                continue;
            }

            foreach (var entry in candidates)
            {
                var end = i + entry.Grapheme.Length;
                if (end <= text.Length
                    && string.CompareOrdinal(text, i, entry.Grapheme, 0, entry.Grapheme.Length) == 0
                    && (end == text.Length || !IsWordCharacter(text[end]) || !IsWordCharacter(entry.Grapheme[^1])))
                {
                    yield return (i, entry);
                    i = end - 1;
                    break;
                }
            }
        }
    }

    public bool OccursIn(string text) => Find(text).Any();
}
