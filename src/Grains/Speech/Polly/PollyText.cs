using System.Text;

namespace Lector.Grains.Speech.Polly;

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
    /// Plain text at the normal rate without pronunciations; otherwise SSML with every character escaped, since page
    /// text is user text and must never be read as markup, and each pronounced word in a <c>phoneme</c> element.
    /// </summary>
    public static PollyInput For(SpeechText speech, int speakingRatePercent)
    {
        var text = speech.Text;
        var ssml = IsSsml(speech, speakingRatePercent);
        var pronunciations = speech.Pronunciations.OrderBy(p => p.Start).ToList();
        var next = 0;
        var sent = new StringBuilder();
        var map = new List<int>(Encoding.UTF8.GetMaxByteCount(text.Length));
        if (ssml)
        {
            Append(sent, map, $"<speak><prosody rate=\"{speakingRatePercent}%\">", 0);
        }

        for (var i = 0; i < text.Length; i++)
        {
            // A phoneme element's tags stand for the edges of the word they wrap.
            while (next < pronunciations.Count && pronunciations[next].Start + pronunciations[next].Length <= i)
            {
                Append(sent, map, "</phoneme>", i);
                next++;
            }

            if (next < pronunciations.Count && pronunciations[next].Start == i)
            {
                Append(sent, map, $"<phoneme alphabet=\"ipa\" ph=\"{System.Security.SecurityElement.Escape(pronunciations[next].Ipa)}\">", i);
            }

            var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var character = text.Substring(i, length);
            Append(sent, map, ssml ? SsmlEscape(character) : character, i);
            i += length - 1;
        }

        if (next < pronunciations.Count)
        {
            Append(sent, map, "</phoneme>", text.Length);
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

    /// <summary>Whether the text goes as SSML: at another rate than the normal one, or with pronunciations.</summary>
    public static bool IsSsml(SpeechText speech, int speakingRatePercent) => speakingRatePercent != 100 || speech.Pronunciations.Count > 0;

    /// <summary>How many characters of the part Polly bills at most: SSML tags are free, escapes may not be.</summary>
    public static int BilledLength(char c, bool ssml) => ssml ? SsmlEscape(c.ToString()).Length : 1;

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
