using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Expands the language's abbreviations without breaking sentences: an engine takes the period of "Dr." or "e.g."
/// for a full stop and pauses, or says the letters. An abbreviation that may end a sentence keeps its period as a
/// full stop before a capital or at the end of a line ("Foundation, Inc. All rights" -> "Foundation, Incorporated.
/// All rights"). Initialisms written with periods lose them in every language ("U.S.A." -> "USA"), and keep one
/// only at the end of a line, where the sentence surely ends.
/// </summary>
internal static partial class Abbreviations
{
    public static string Apply(string text, SpeechLanguage? language)
    {
        if (language is not null)
        {
            var table = language.Abbreviations;
            text = table.Pattern.Replace(text, m => StartingSentence(Expand(m, table[m.Value], text), m, text));
        }

        return Initialism().Replace(text, m =>
            m.Value.Replace(".", "", StringComparison.Ordinal) + (EndsLine(text, m.Index + m.Length) ? "." : ""));
    }

    private static string Expand(Match match, Abbreviation abbreviation, string text)
    {
        var after = match.Index + match.Length;
        var fullStop = abbreviation.Written.EndsWith('.') && EndsSentence(text, after) ? "." : "";
        switch (abbreviation.Use)
        {
            case AbbreviationUse.Inline:
                return abbreviation.Spoken;
            case AbbreviationUse.MayEndSentence:
                return abbreviation.Spoken + fullStop;
            case AbbreviationUse.BeforeNumber:
                return NumberFollows().IsMatch(text, after) ? abbreviation.Spoken : match.Value;
            default:
                if (NameFollows().IsMatch(text, after))
                {
                    return abbreviation.Spoken;
                }

                return abbreviation.SpokenAfterName is { } afterName && NameOrNumberPrecedes(text, match.Index)
                    ? afterName + fullStop
                    : match.Value;
        }
    }

    /// <summary>"M. Martin a dit" starting a sentence becomes "Monsieur Martin a dit", not "monsieur".</summary>
    private static string StartingSentence(string said, Match match, string text)
    {
        if (said.Length == 0 || !char.IsLower(said[0]) || !char.IsUpper(match.Value[0]))
        {
            return said;
        }

        var i = match.Index - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '\u00A0')
        {
            i--;
        }

        return i < 0 || text[i] is '\n' or '.' or '!' or '?' or '…' ? char.ToUpperInvariant(said[0]) + said[1..] : said;
    }

    /// <summary>A capital after at least one space, or the end of a line or of the text.</summary>
    private static bool EndsSentence(string text, int index) => EndsLine(text, index) || CapitalFollows().IsMatch(text, index);

    private static bool EndsLine(string text, int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t' or '\u00A0')
        {
            index++;
        }

        return index == text.Length || text[index] == '\n';
    }

    /// <summary>"Main St.", "221 Baker St.": a capitalized word or a number, then one space, right before.</summary>
    private static bool NameOrNumberPrecedes(string text, int index)
    {
        var i = index - 2;
        if (i < 0 || text[index - 1] is not (' ' or '\u00A0'))
        {
            return false;
        }

        if (char.IsAsciiDigit(text[i]))
        {
            return true;
        }

        var end = i;
        while (i >= 0 && char.IsLower(text[i]))
        {
            i--;
        }

        return i >= 0 && i < end && char.IsUpper(text[i]) && (i == 0 || !char.IsLetter(text[i - 1]));
    }

    [GeneratedRegex(@"\G[ \u00A0]?\d")]
    private static partial Regex NumberFollows();

    [GeneratedRegex(@"\G[ \u00A0-]+\p{Lu}")]
    private static partial Regex NameFollows();

    [GeneratedRegex(@"\G[ \u00A0]+[""“‘(]?\p{Lu}")]
    private static partial Regex CapitalFollows();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.])(?:\p{Lu}\.){2,}(?![\p{L}\p{N}])")]
    private static partial Regex Initialism();
}
