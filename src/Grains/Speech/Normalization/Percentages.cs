using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>"50%", "2,5 %", "−3.5%", "5‰": the number as said alone, then the language's "percent" or "per mille".</summary>
internal static partial class Percentages
{
    public static string Apply(string text, SpeechLanguage language) => Percentage().Replace(text, m =>
        WrittenNumber.Parse(m.Groups["number"].Value, language.Conventions) is { DottedParts: null } number
            ? language.Signed(m.Groups["minus"].Success, language.Say(number)) + " " + (m.Groups["sign"].Value == "%" ? language.Words.Percent : language.Words.PerMille)
            : m.Value);

    [GeneratedRegex(WrittenNumber.Signed + @"[ \u00A0]?(?<sign>%|‰)")]
    private static partial Regex Percentage();
}
