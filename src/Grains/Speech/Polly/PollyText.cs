using System.Text;

namespace Lector.Grains.Speech.Polly;

/// <summary>A part of the page text sent in one request: its offset in the page and its text.</summary>
public readonly record struct TextPart(int Start, string Text);

/// <summary>
/// The text as sent to Polly, plain or SSML, with a map from UTF-8 byte offsets in what was sent (the unit of
/// Polly's speech marks) back to UTF-16 character offsets in the part's text.
/// </summary>
public sealed class PollyInput
{
    private readonly int[] _charAtByte;

    private PollyInput(string text, string textType, int[] charAtByte)
    {
        Text = text;
        TextType = textType;
        _charAtByte = charAtByte;
    }

    public string Text { get; }

    /// <summary><c>text</c> or <c>ssml</c>.</summary>
    public string TextType { get; }

    /// <summary>
    /// Plain text at the normal rate; otherwise SSML with every character escaped, since page text is user
    /// text and must never be read as markup.
    /// </summary>
    public static PollyInput For(string text, int speakingRatePercent)
    {
        var ssml = speakingRatePercent != 100;
        var sent = new StringBuilder();
        var map = new List<int>(Encoding.UTF8.GetMaxByteCount(text.Length));
        if (ssml)
        {
            Append(sent, map, $"<speak><prosody rate=\"{speakingRatePercent}%\">", 0);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var character = text.Substring(i, length);
            Append(sent, map, ssml ? SsmlEscape(character) : character, i);
            i += length - 1;
        }

        if (ssml)
        {
            Append(sent, map, "</prosody></speak>", text.Length);
        }

        map.Add(text.Length);
        return new PollyInput(sent.ToString(), ssml ? "ssml" : "text", [.. map]);
    }

    /// <summary>The character offset in the part's text at a UTF-8 byte offset of the sent text.</summary>
    public int CharacterAt(int byteOffset) => _charAtByte[Math.Clamp(byteOffset, 0, _charAtByte.Length - 1)];

    /// <summary>How many characters of the part Polly bills at most: SSML tags are free, escapes may not be.</summary>
    public static int BilledLength(char c, int speakingRatePercent) =>
        speakingRatePercent == 100 ? 1 : SsmlEscape(c.ToString()).Length;

    private static void Append(StringBuilder sent, List<int> map, string piece, int sourceIndex)
    {
        sent.Append(piece);
        for (var n = Encoding.UTF8.GetByteCount(piece); n > 0; n--)
        {
            map.Add(sourceIndex);
        }
    }

    private static string SsmlEscape(string character) => character switch
    {
        "&" => "&amp;",
        "<" => "&lt;",
        ">" => "&gt;",
        "\"" => "&quot;",
        "'" => "&apos;",

        // Control characters other than tab and line breaks are not allowed in XML at all.
        [var c] when char.IsControl(c) && c is not ('\t' or '\n' or '\r') => " ",
        _ => character,
    };
}

/// <summary>Splits page text into parts Polly accepts, at sentence ends where possible.</summary>
public static class PollyTextSplitter
{
    private const string SentenceEnds = ".!?…。！？";
    private const string Closers = "\"'”’»)]";

    /// <summary>
    /// Parts of at most <paramref name="maxBilled"/> billed characters (as <paramref name="billedLength"/>
    /// counts them), cut after the last sentence end that fits, else at the last space, else anywhere
    /// that does not split a surrogate pair. Whitespace between parts is dropped.
    /// </summary>
    public static IReadOnlyList<TextPart> Split(string text, int maxBilled, Func<char, int> billedLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBilled, 8);
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
            for (var billed = 0; limit < text.Length && billed + billedLength(text[limit]) <= maxBilled; limit++)
            {
                billed += billedLength(text[limit]);
            }

            var cut = limit == text.Length ? limit : FindCut(text, start, limit);
            parts.Add(new TextPart(start, text[start..cut].TrimEnd()));
            start = cut;
        }
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

    private static bool EndsSentence(string text, int start, int end)
    {
        var i = end - 1;
        while (i > start && Closers.Contains(text[i], StringComparison.Ordinal))
        {
            i--;
        }

        return SentenceEnds.Contains(text[i], StringComparison.Ordinal);
    }
}
