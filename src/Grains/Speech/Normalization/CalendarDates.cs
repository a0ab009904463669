using System.Globalization;
using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Dates read as the language says them: ISO "2024-03-05" (with a time after "T" if any), numeric dates with a
/// four-digit year ("5/3/2024", "05.03.2024", "5-3-2024"), English "March 5" and "5 March" (each in its written
/// order, with the day as an ordinal), French "1 mars".
/// A numeric date is ambiguous: a part above 12 is the day; a date with dots is day first (the European
/// convention that writes it); otherwise the language decides (<see cref="SpeechLanguage.DayFirst"/>: month
/// first for en-US and untagged English, day first for other English regions, Spanish and French).
/// Impossible dates (2024-02-30) are left as written. Years stay digits, which engines read as years.
/// </summary>
internal static partial class CalendarDates
{
    private static readonly Dictionary<string, int> EnglishMonthNumbers = new(StringComparer.Ordinal)
    {
        ["January"] = 1, ["Jan."] = 1, ["February"] = 2, ["Feb."] = 2, ["March"] = 3, ["Mar."] = 3, ["April"] = 4, ["Apr."] = 4,
        ["May"] = 5, ["June"] = 6, ["Jun."] = 6, ["July"] = 7, ["Jul."] = 7, ["August"] = 8, ["Aug."] = 8,
        ["September"] = 9, ["Sep."] = 9, ["Sept."] = 9, ["October"] = 10, ["Oct."] = 10, ["November"] = 11, ["Nov."] = 11,
        ["December"] = 12, ["Dec."] = 12,
    };

    public static string Apply(string text, SpeechLanguage language)
    {
        text = IsoDate().Replace(text, m => Iso(m, language));
        text = NumericDate().Replace(text, m => Numeric(m, language));
        return language switch
        {
            EnglishLanguage => EnglishDayAfterMonth().Replace(
                EnglishDayBeforeMonth().Replace(text, m => WrittenDay(m, language, dayFirst: true)), m => WrittenDay(m, language, dayFirst: false)),
            FrenchLanguage => FrenchFirstOfMonth().Replace(text, "premier "),
            _ => text,
        };
    }

    private static string Iso(Match m, SpeechLanguage language)
    {
        var year = Number(m, "year");
        var month = Number(m, "month");
        var day = Number(m, "day");
        if (!IsDate(year, month, day))
        {
            return m.Value;
        }

        var date = language.Date(year, month, day);
        return m.Groups["hour"].Success
            ? $"{date}, {language.Time(Number(m, "hour"), Number(m, "minute"), m.Groups["second"].Success ? Number(m, "second") : null, null)}"
            : date;
    }

    private static string Numeric(Match m, SpeechLanguage language)
    {
        var first = Number(m, "first");
        var second = Number(m, "second");
        var year = Number(m, "year");
        var dayFirst = first > 12 || (second <= 12 && (m.Groups["separator"].Value == "." || language.DayFirst));
        var (day, month) = dayFirst ? (first, second) : (second, first);
        return IsDate(year, month, day) ? language.Date(year, month, day) : m.Value;
    }

    /// <summary>A written English date keeps its order: "20 December" is "the twentieth of December", "December 20" is "December twentieth".</summary>
    private static string WrittenDay(Match m, SpeechLanguage language, bool dayFirst)
    {
        var day = Number(m, "day");
        if (day is < 1 or > 31)
        {
            return m.Value;
        }

        var month = EnglishLanguage.MonthName(EnglishMonthNumbers[m.Groups["month"].Value]);
        return dayFirst ? $"the {language.Numbers.Ordinal(day)} of {month}" : $"{month} {language.Numbers.Ordinal(day)}";
    }

    private static int Number(Match m, string group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static bool IsDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    [GeneratedRegex(@"(?<![\p{N}.\-/])(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:T(?<hour>[01]\d|2[0-3]):(?<minute>[0-5]\d)(?::(?<second>[0-5]\d)(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\p{N}]|-\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\p{N}.\-/])(?<first>\d{1,2})(?<separator>[/.\-])(?<second>\d{1,2})\k<separator>(?<year>\d{4})(?![\p{N}]|[/.\-]\d)")]
    private static partial Regex NumericDate();

    private const string EnglishMonths =
        "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\.";

    /// <summary>"March 5", "Mar. 5th": the day becomes an ordinal.</summary>
    [GeneratedRegex(@"\b(?<month>" + EnglishMonths + @")[ \u00A0](?<day>\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}:]|[.,]\d)")]
    private static partial Regex EnglishDayAfterMonth();

    /// <summary>"5 March", "5th of March".</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,])(?<day>\d{1,2})(?:st|nd|rd|th)?[ \u00A0](?:of[ \u00A0])?(?<month>" + EnglishMonths + @")(?![\p{L}])")]
    private static partial Regex EnglishDayBeforeMonth();

    /// <summary>"1 mars" is "premier mars".</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,])1[ \u00A0](?=(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)")]
    private static partial Regex FrenchFirstOfMonth();
}
