using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Undoes typesetting the ear does not need: ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ), invisible characters (soft hyphens,
/// zero-width spaces, byte order marks), exotic spaces and line separators, subscript digits, and words hyphenated
/// across a line break. Thin and no-break spaces become one no-break space, which later rules read as a thousands
/// separator between digits and as a plain space elsewhere.
/// </summary>
internal static partial class Typography
{
    private const char NoBreakSpace = '\u00A0';

    private static readonly SearchValues<char> Special = SearchValues.Create(
        "\r\t\v\f\u00AD\u200B\u200C\u200D\u2060\uFEFF\u2028\u2029\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000" +
        "\uFB00\uFB01\uFB02\uFB03\uFB04\uFB05\uFB06\u2010\u2011\u2012\u2024\u2025₀₁₂₃₄₅₆₇₈₉");

    public static string Apply(string text, bool groupsDigitsWithSpaces)
    {
        text = SoftHyphenAtLineEnd().Replace(text, "");
        text = Characters(text);
        text = HyphenAtLineEnd().Replace(text, "");
        return groupsDigitsWithSpaces ? SpaceGroupedDigits().Replace(text, m => m.Value.Replace(' ', NoBreakSpace)) : text;
    }

    /// <summary>One pass over the characters; text without any special one is returned as it is.</summary>
    private static string Characters(string text)
    {
        var first = text.AsSpan().IndexOfAny(Special);
        if (first < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 >= text.Length || text[i + 1] != '\n')
                    {
                        result.Append('\n');
                    }

                    break;
                case '\u2028' or '\u2029' or '\f':
                    result.Append('\n');
                    break;
                case '\t' or '\v' or '\u3000':
                    result.Append(' ');
                    break;
                case '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF':
                    break;
                case >= '\u2002' and <= '\u200A' or '\u202F' or '\u205F':
                    result.Append(NoBreakSpace);
                    break;
                case '\uFB00':
                    result.Append("ff");
                    break;
                case '\uFB01':
                    result.Append("fi");
                    break;
                case '\uFB02':
                    result.Append("fl");
                    break;
                case '\uFB03':
                    result.Append("ffi");
                    break;
                case '\uFB04':
                    result.Append("ffl");
                    break;
                case '\uFB05' or '\uFB06':
                    result.Append("st");
                    break;
                case '\u2010' or '\u2011' or '\u2012':
                    result.Append('-');
                    break;
                case '\u2024':
                    result.Append('.');
                    break;
                case '\u2025':
                    result.Append("..");
                    break;
                case >= '₀' and <= '₉':
                    result.Append((char)('0' + (c - '₀')));
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"\u00AD[ \t]*\r?\n[ \t]*")]
    private static partial Regex SoftHyphenAtLineEnd();

    /// <summary>"exam-\nple": a lower-case word part on each side of a hyphen ending a line.</summary>
    [GeneratedRegex(@"(?<=\p{Ll})-[ \t]*\n[ \t]*(?=\p{Ll})")]
    private static partial Regex HyphenAtLineEnd();

    /// <summary>French "1 234 567": one to three digits, then groups of three after single spaces.</summary>
    [GeneratedRegex(@"(?<![\p{N}.,]|\p{N}[ \u00A0])\d{1,3}(?: \d{3})+(?!\p{N})")]
    private static partial Regex SpaceGroupedDigits();
}
