using System.Globalization;
using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Ordinals in words, since engines read "1st" as "one st" and "1.º" as "uno punto o": English "1st", "22nd";
/// Spanish "1.º", "1.ª", "1.er", "3.os"; French "1er", "1re", "2e", "3ème", "2nde", and Roman centuries and
/// reigns ("XIXe siècle", "François Ier"). Spanish "siglo XIX" reads the Roman numeral as the cardinal Spanish says.
/// </summary>
internal static partial class Ordinals
{
    public static string Apply(string text, SpeechLanguage language) => language switch
    {
        EnglishLanguage => English().Replace(text, m => language.Numbers.Ordinal(Number(m))),
        SpanishLanguage => SpanishCentury().Replace(Spanish().Replace(text, m => SpanishOrdinal(m, language)), m => Century(m, language)),
        FrenchLanguage => FrenchRoman().Replace(French().Replace(text, m => FrenchOrdinal(m, language, Number(m))), m => FrenchRomanOrdinal(m, language)),
        _ => text,
    };

    private static string SpanishOrdinal(Match m, SpeechLanguage language)
    {
        var suffix = m.Groups["suffix"].Value;
        var feminine = suffix is "ª" or "a" or "as";
        var ordinal = language.Numbers.Ordinal(Number(m), feminine ? GrammaticalGender.Feminine : GrammaticalGender.Masculine, beforeNoun: suffix == "er");
        return suffix is "os" or "as" ? ordinal + "s" : ordinal;
    }

    private static string Century(Match m, SpeechLanguage language) =>
        RomanNumerals.Parse(m.Groups["roman"].Value) is { } value ? language.Numbers.Cardinal(value) : m.Value;

    private static string FrenchOrdinal(Match m, SpeechLanguage language, long number)
    {
        var suffix = m.Groups["suffix"].Value;
        var feminine = suffix.StartsWith('r') || suffix.StartsWith("èr", StringComparison.Ordinal) || suffix.StartsWith("ʳ", StringComparison.Ordinal) || suffix.StartsWith("nde", StringComparison.Ordinal);
        var plural = suffix.Length > 1 && suffix.EndsWith('s');
        var ordinal = suffix.StartsWith('n') && number == 2
            ? (feminine ? "seconde" : "second")
            : language.Numbers.Ordinal(number, feminine ? GrammaticalGender.Feminine : GrammaticalGender.Masculine);
        return plural ? ordinal + "s" : ordinal;
    }

    private static string FrenchRomanOrdinal(Match m, SpeechLanguage language) =>
        RomanNumerals.Parse(m.Groups["roman"].Value) is { } value ? FrenchOrdinal(m, language, value) : m.Value;

    private static long Number(Match m) => long.Parse(m.Groups["number"].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.,])(?<number>\d{1,15})(?:st|nd|rd|th)(?![\p{L}\p{N}_])")]
    private static partial Regex English();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.,])(?<number>\d{1,15})(?:\.?(?<suffix>[ºª])|\.(?<suffix>°|er|os|as)(?![\p{L}]))")]
    private static partial Regex Spanish();

    [GeneratedRegex(@"(?<=\b[Ss]iglos?[ \u00A0])(?<roman>[IVXLCDM]+)(?![\p{L}\p{N}])")]
    private static partial Regex SpanishCentury();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.,])(?<number>\d{1,15})(?<suffix>ers|er|res|re|ères|ère|èmes|ème|es|e|è|ᵉʳ|ʳᵉ|ᵉ|ndes|nde|nds|nd)(?![\p{L}\p{N}_])")]
    private static partial Regex French();

    /// <summary>Roman numerals with an ordinal ending; one letter only for I, V and X, so "Ce", "De", "Le", "Me" stay words.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_])(?<roman>[IVXLCDM]{2,}|[IVX])(?<suffix>ers|er|res|re|ère|e|ème|es|èmes|ᵉʳ|ᵉ)(?![\p{L}\p{N}_])")]
    private static partial Regex FrenchRoman();
}
