using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Collapses punctuation an engine would read as a train of pauses or symbol names: dot leaders (a contents line
/// becomes "Title, 12"), repeated ! and ?, separator lines of = _ * ~ #, double hyphens used as dashes, and list
/// bullets (dropped at the start of a line, a comma between items on one line).
/// </summary>
internal static partial class PunctuationRuns
{
    public static string Apply(string text)
    {
        text = DotLeader().Replace(text, m => m.Groups["page"].Success ? ", " : "… ");
        text = RepeatedMarks().Replace(text, m => m.ValueSpan[..1].ToString());
        text = SeparatorRun().Replace(text, " ");
        text = DoubleHyphen().Replace(text, " — ");
        text = LeadingBullet().Replace(text, "");
        return InlineBullet().Replace(text, ", ");
    }

    /// <summary>Four or more dots (or three spaced, or middle dots, or ellipses), then maybe the page number they lead to.</summary>
    [GeneratedRegex(@"[ \t\u00A0]*(?:(?:\.[ \u00A0]?){4,}|(?:\.[ \u00A0]){3,}|(?:…[ \u00A0]?){2,}|(?:·[ \u00A0]?){3,})[ \t\u00A0]*(?<page>(?=\d|[ivxlcdm]+\b|[IVXLCDM]+\b))?")]
    private static partial Regex DotLeader();

    [GeneratedRegex(@"([!?])[!?]+|([,;])\2+")]
    private static partial Regex RepeatedMarks();

    [GeneratedRegex(@"[=_*~#]{3,}|-{4,}")]
    private static partial Regex SeparatorRun();

    /// <summary>"--" or "---" between words, as typed for a dash.</summary>
    [GeneratedRegex(@"(?<=\S)[ \u00A0]?-{2,3}[ \u00A0]?(?=\S)")]
    private static partial Regex DoubleHyphen();

    /// <summary>Bullets, including the private-use glyphs PDFs set in the Symbol and Wingdings fonts.</summary>
    [GeneratedRegex(@"(?<=^|\n)[ \t\u00A0]*[•◦▪▫‣⁃●○■□►▸▹➢➤\uF0B7\uF0A7\uF076\uF0D8][ \t\u00A0]*", RegexOptions.Multiline)]
    private static partial Regex LeadingBullet();

    [GeneratedRegex(@"[ \t\u00A0]*[•◦▪▫‣⁃●○■□►▸▹➢➤\uF0B7\uF0A7\uF076\uF0D8][ \t\u00A0]*")]
    private static partial Regex InlineBullet();
}
