using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Ranges read with the language's "to" ("1990-1995" -> "1990 to 1995", "pages 10–12" -> "pages 10 to 12",
/// "$10–$20"), or "and" after "between". Engines say the hyphen as "dash" or nothing at all. The numbers stay
/// digits for the later rules. An en dash between numbers is always a range; a hyphen only between two plain
/// integers that rise ("10-12"), or a year and its last two digits ("1990-95"), and not when it looks like a phone
/// number ("555-1234"), a code with leading zeros ("03-05") or part of a longer chain ("978-3-16-148410-0").
/// </summary>
internal static partial class NumberRanges
{
    public static string Apply(string text, SpeechLanguage language) => Range().Replace(text, m => Said(m, language, text));

    private static string Said(Match m, SpeechLanguage language, string text)
    {
        var from = m.Groups["from"].Value;
        var to = m.Groups["to"].Value;
        if (m.Groups["dash"].Value == "-" && !IsHyphenRange(from, to))
        {
            return m.Value;
        }

        var words = language.Words;
        var joiner = PrecededBy(text, m.Index, words.Between) ? words.And : words.RangeTo;
        return $"{from} {joiner} {m.Groups["currency"].Value}{to}";
    }

    private static bool IsHyphenRange(string from, string to)
    {
        if (!from.All(char.IsAsciiDigit) || !to.All(char.IsAsciiDigit) || from[0] == '0' || to[0] == '0' || from.Length > 9 || to.Length > 9)
        {
            return false;
        }

        var start = long.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        var end = long.Parse(to, System.Globalization.CultureInfo.InvariantCulture);
        var phoneLike = from.Length == 3 && to.Length == 4;
        var abbreviatedYear = from.Length == 4 && to.Length == 2 && end > start % 100;
        return !phoneLike && (end > start || abbreviatedYear);
    }

    /// <summary>Whether the word right before the range (one space between) is <paramref name="word"/>.</summary>
    private static bool PrecededBy(string text, int index, string word)
    {
        var end = index - 1;
        if (end <= 0 || text[end] is not (' ' or '\u00A0'))
        {
            return false;
        }

        var start = end - word.Length;
        return start >= 0 && string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (start == 0 || !char.IsLetter(text[start - 1]));
    }

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}_.,:/\-–])(?<from>" + WrittenNumber.Pattern + @")(?<dash>-|[ \u00A0]?–[ \u00A0]?)(?<currency>[$€£¥])?(?<to>" + WrittenNumber.Pattern + @")(?![\p{N}_]|[\-–]\d)")]
    private static partial Regex Range();
}
