using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Tidies what the rules leave: one space between words, none before closing punctuation or inside brackets, no
/// empty brackets, at most one blank line between paragraphs, and no-break spaces made plain.
/// </summary>
internal static partial class Spacing
{
    public static string Apply(string text)
    {
        text = text.Replace('\u00A0', ' ');
        text = Spaces().Replace(text, " ");
        text = EmptyBrackets().Replace(text, "");
        text = RepeatedComma().Replace(text, m => m.Value.StartsWith(",", StringComparison.Ordinal) && m.Length > 1 ? "," : "");
        text = SpaceBeforeClosing().Replace(text, "");
        text = SpaceAfterOpening().Replace(text, "");
        text = LineEdges().Replace(text, "\n");
        text = BlankLines().Replace(text, "\n\n");
        return text.Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[ \t]?(?:\([ \t]*\)|\[[ \t]*\])")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"[ \t]+(?=[,.;:!?)\]”’»]|…(?!\p{L}))")]
    private static partial Regex SpaceBeforeClosing();

    [GeneratedRegex(@"(?<=[(\[“‘«])[ \t]+")]
    private static partial Regex SpaceAfterOpening();

    [GeneratedRegex(@",(?:[ \t]*,)+|,(?=[ \t]*[.;:!?])")]
    private static partial Regex RepeatedComma();

    [GeneratedRegex(@"[ \t]*\n[ \t]*")]
    private static partial Regex LineEdges();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
