using System.Globalization;
using System.Text;

namespace Lector.Grains.Speech;

/// <summary>
/// The words of a text as speech marks name them: runs between whitespace without the punctuation around them
/// ("world" of "world."). A run without a letter or a digit is not a word.
/// </summary>
public static class WordRanges
{
    /// <summary>The words within [<paramref name="start"/>, <paramref name="end"/>) as half-open ranges, in order.</summary>
    public static IEnumerable<(int Start, int End)> In(string text, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var wordStart = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var wordEnd = i;
            while (wordStart < wordEnd && !IsLetterOrDigit(text, wordStart))
            {
                wordStart++;
            }

            // An accent written as a character of its own belongs to the letter before it.
            while (wordEnd > wordStart && !IsLetterOrDigit(text, wordEnd - 1) && !IsMark(text[wordEnd - 1]))
            {
                wordEnd--;
            }

            if (wordStart < wordEnd)
            {
                yield return (wordStart, wordEnd);
            }
        }
    }

    /// <summary>Also a letter or digit outside the Basic Multilingual Plane, written as a surrogate pair.</summary>
    private static bool IsLetterOrDigit(string text, int i)
    {
        if (!char.IsSurrogate(text[i]))
        {
            return char.IsLetterOrDigit(text[i]);
        }

        var pairStart = char.IsLowSurrogate(text[i]) && i > 0 ? i - 1 : i;
        return Rune.TryGetRuneAt(text, pairStart, out var rune) && Rune.IsLetterOrDigit(rune);
    }

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
