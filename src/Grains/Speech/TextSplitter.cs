namespace Lector.Grains.Speech;

/// <summary>A part of the page text sent in one request: its offset in the page and its text.</summary>
public readonly record struct TextPart(int Start, string Text);

/// <summary>Splits page text into parts an engine accepts in one request, at sentence ends where possible, or into sentences.</summary>
public static class TextSplitter
{
    private const string SentenceEnds = ".!?…。！？";
    private const string Closers = "\"'”’»)]";

    /// <summary>
    /// Parts of at most <paramref name="maxLength"/> characters as <paramref name="lengthOf"/> counts them (an
    /// engine may count some characters as more than one), cut after the last sentence end that fits, else at the last space, else anywhere
    /// that does not split a surrogate pair. Whitespace between parts is dropped.
    /// </summary>
    public static IReadOnlyList<TextPart> Split(string text, int maxLength, Func<char, int> lengthOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 8);
        var parts = new List<TextPart>();
        var start = 0;
        while (true)
        {
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            if (start == text.Length)
            {
                return parts;
            }

            var limit = start;
            for (var length = 0; limit < text.Length && length + lengthOf(text[limit]) <= maxLength; limit++)
            {
                length += lengthOf(text[limit]);
            }

            var cut = limit == text.Length ? limit : FindCut(text, start, limit);
            parts.Add(new TextPart(start, text[start..cut].TrimEnd()));
            start = cut;
        }
    }

    /// <summary>
    /// The sentences of a text as half-open ranges, whitespace around them left out: each runs to a sentence end
    /// followed by whitespace, except a full stop before a word in lower case (an abbreviation, "e.g. this"), or to
    /// a line break.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> Sentences(string text)
    {
        var sentences = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0 && (i == text.Length || text[i] == '\n' || EndsSentenceBefore(text, start, i)))
            {
                var end = i;
                while (char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                sentences.Add((start, end));
                start = -1;
            }
        }

        return sentences;
    }

    /// <summary>Whether the text from <paramref name="start"/> ends a sentence at <paramref name="end"/>, given what follows.</summary>
    private static bool EndsSentenceBefore(string text, int start, int end)
    {
        if (!EndsSentence(text, start, end))
        {
            return false;
        }

        var next = end;
        while (next < text.Length && text[next] is not '\n' && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return text[LastBeforeClosers(text, start, end)] != '.' || next == text.Length || !char.IsLower(text[next]);
    }

    private static int FindCut(string text, int start, int limit)
    {
        for (var cut = limit; cut > start + 1; cut--)
        {
            if (char.IsWhiteSpace(text[cut]) && (text[cut] == '\n' || EndsSentence(text, start, cut)))
            {
                return cut;
            }
        }

        for (var cut = limit; cut > start + 1; cut--)
        {
            if (char.IsWhiteSpace(text[cut]))
            {
                return cut;
            }
        }

        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    private static bool EndsSentence(string text, int start, int end) =>
        SentenceEnds.Contains(text[LastBeforeClosers(text, start, end)], StringComparison.Ordinal);

    /// <summary>The last character before <paramref name="end"/> that is not a closing quote or bracket.</summary>
    private static int LastBeforeClosers(string text, int start, int end)
    {
        var i = end - 1;
        while (i > start && Closers.Contains(text[i], StringComparison.Ordinal))
        {
            i--;
        }

        return i;
    }
}
