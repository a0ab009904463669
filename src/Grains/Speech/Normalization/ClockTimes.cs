using System.Globalization;
using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Clock times in words, since engines read "10:05" as "ten zero five" and "10:00" as "ten zero zero": "10:05" is
/// "ten oh five", "diez y cinco", "dix heures cinq"; French "10h30" and "10 h" too. A range of times ("9:00–17:30")
/// is read with the language's "to". Minutes need two digits, so ratios like "16:9" are not times.
/// </summary>
internal static partial class ClockTimes
{
    private const string Time =
        @"(?<![\p{N}:.,])(?<hour>[01]?\d|2[0-3]):(?<minute>[0-5]\d)(?::(?<second>[0-5]\d))?(?![\p{N}]|[:.,]\d)(?:[ \u00A0]?(?<meridiem>[AaPp]\.?[ \u00A0]?[Mm]\.?)(?![\p{L}]))?";

    public static string Apply(string text, SpeechLanguage language)
    {
        text = TimeRange().Replace(text, m => $"{Said(m, language, "")} {language.Words.RangeTo} {Said(m, language, "2")}");
        text = ClockTime().Replace(text, m => Said(m, language, ""));
        return language is FrenchLanguage ? FrenchTime().Replace(text, m => Said(m, language, "")) : text;
    }

    private static string Said(Match m, SpeechLanguage language, string suffix)
    {
        var hour = Number(m, "hour" + suffix) ?? 0;
        var meridiem = m.Groups["meridiem" + suffix];
        var said = language.Time(hour, Number(m, "minute" + suffix) ?? 0, Number(m, "second" + suffix), Meridiem(meridiem, language));
        return meridiem.Success && language is not EnglishLanguage ? $"{said} {MeridiemWords(meridiem.Value, hour, language)}".TrimEnd() : said;
    }

    /// <summary>English writes "a.m." and "p.m." whatever the text had ("AM", "pm", "a. m.").</summary>
    private static string? Meridiem(Group meridiem, SpeechLanguage language) =>
        meridiem.Success && language is EnglishLanguage ? (char.ToLowerInvariant(meridiem.Value[0]) == 'a' ? "a.m." : "p.m.") : null;

    /// <summary>Spanish "10:30 a. m." is "diez y treinta de la mañana"; French does not write a.m., so it is left alone.</summary>
    private static string MeridiemWords(string meridiem, int hour, SpeechLanguage language) => language is SpanishLanguage
        ? char.ToLowerInvariant(meridiem[0]) == 'a' ? "de la mañana" : hour is >= 8 and < 12 ? "de la noche" : "de la tarde"
        : meridiem;

    private static int? Number(Match m, string group) =>
        m.Groups[group].Success && m.Groups[group].Length > 0 ? int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(Time)]
    private static partial Regex ClockTime();

    [GeneratedRegex(
        Time + @"[ \u00A0]?[-–][ \u00A0]?(?<hour2>[01]?\d|2[0-3]):(?<minute2>[0-5]\d)(?::(?<second2>[0-5]\d))?(?![\p{N}]|[:.,]\d)(?:[ \u00A0]?(?<meridiem2>[AaPp]\.?[ \u00A0]?[Mm]\.?)(?![\p{L}]))?")]
    private static partial Regex TimeRange();

    /// <summary>"10h30", "10 h 30", "10 h".</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}:.,])(?<hour>[01]?\d|2[0-3])[ \u00A0]?h[ \u00A0]?(?<minute>[0-5]\d)?(?![\p{L}\p{N}])")]
    private static partial Regex FrenchTime();
}
