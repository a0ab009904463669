using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Signs around numbers that engines name oddly or not at all: "#5" (number 5), "~5" and "≈5" (about 5), "±0.5",
/// "1920×1080" and "1920x1080" (by), "&amp;" between words or in "R&amp;D" (and), and the fractions ½ ¼ ¾.
/// </summary>
internal static partial class NumberSymbols
{
    public static string Apply(string text, SpeechLanguage language)
    {
        var words = language.Words;
        text = NumberSign().Replace(text, words.Number + " ");
        text = About().Replace(text, words.About + " ");
        text = PlusOrMinus().Replace(text, words.PlusOrMinus + " ");
        text = Times().Replace(text, $" {words.By} ");
        text = Ampersand().Replace(text, $" {words.And} ");
        return Fraction().Replace(text, m =>
        {
            var fraction = m.Groups["fraction"].Value switch { "½" => words.Half, "¼" => words.Quarter, _ => words.ThreeQuarters };
            return m.Groups["whole"].Success ? $"{m.Groups["whole"].Value} {words.And} {fraction}" : fraction;
        });
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}_&#])#(?=\d)")]
    private static partial Regex NumberSign();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])[~≈∼][ \u00A0]?(?=\d)")]
    private static partial Regex About();

    [GeneratedRegex(@"±[ \u00A0]?(?=\d)")]
    private static partial Regex PlusOrMinus();

    /// <summary>"×" between numbers, or "x" between numbers of two digits or more ("3x4" could be a product name; "0x1F" is hexadecimal).</summary>
    [GeneratedRegex(@"(?<=\d)[ \u00A0]?×[ \u00A0]?(?=\d)|(?<=(?<![\p{L}\p{N}_])[1-9]\d+)x(?=\d{2}(?!\p{L}))")]
    private static partial Regex Times();

    /// <summary>"&amp;" with spaces on both sides, or between capitals ("R&amp;D", "AT&amp;T").</summary>
    [GeneratedRegex(@"[ \u00A0]&[ \u00A0]|(?<=\p{Lu})&(?=\p{Lu})")]
    private static partial Regex Ampersand();

    [GeneratedRegex(@"(?<whole>(?<![\p{L}\p{N}_.,])\d+)?(?<fraction>[½¼¾])")]
    private static partial Regex Fraction();
}
