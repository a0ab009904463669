using System.Globalization;
using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Amounts of money with their currency named after the number, as said: "$5" -> "5 dollars" (engines say
/// "dollar five"), "€3.50" -> "3 euros and 50 cents", "3,50 €" -> "3 euros con 50 céntimos" / "3 euros 50",
/// "$1.5 million" -> "one point five million dollars", "$5bn" -> "5 billion dollars", "2 M€" -> "2 millones de euros". Signs and codes before or
/// after the amount ($, US$, €, £, ¥, USD, EUR, GBP, JPY).
/// </summary>
internal static partial class MoneyAmounts
{
    private static readonly Dictionary<string, Currency> BySign =
        Currency.All.SelectMany(c => c.Signs.Select(s => (Sign: s, Currency: c))).ToDictionary(p => p.Sign, p => p.Currency, StringComparer.Ordinal);

    public static string Apply(string text, SpeechLanguage language)
    {
        text = SignBefore().Replace(text, m => Said(m, language));
        return SignAfter().Replace(text, m => Said(m, language));
    }

    private static string Said(Match m, SpeechLanguage language)
    {
        if (WrittenNumber.Parse(m.Groups["number"].Value, language.Conventions) is not { DottedParts: null } amount)
        {
            return m.Value;
        }

        var names = language.CurrencyNames(BySign[m.Groups["sign"].Value]);
        var scale = m.Groups["scale"];
        if (scale.Success)
        {
            return language.ScaleWord(scale.Value, amount) is { } scaleWord
                ? language.ScaledAmount(CountingScale(amount, language), scaleWord, names.Unit)
                : m.Value;
        }

        return amount.Fraction is { Length: 2 } cents && names.Hundredth is not null
            ? language.Money(amount with { Fraction = null }, long.Parse(cents, CultureInfo.InvariantCulture), names)
            : language.Count(amount, names.Unit);
    }

    /// <summary>The amount before "million": digits, unless the engine would misread them ("1 millón" is "un millón").</summary>
    private static string CountingScale(WrittenNumber amount, SpeechLanguage language) =>
        amount.IntegerValue is { } value && language.Numbers.DigitsMisreadBeforeNoun(value, GrammaticalGender.Masculine)
            ? language.Numbers.CardinalBeforeNoun(value, GrammaticalGender.Masculine)
            : language.Say(amount);

    private const string Scale =
        @"(?:[ \u00A0]?(?<scale>thousand|million|billion|trillion|mil millones|millones|millón|mil|millions|million|milliards|milliard|mille)(?![\p{L}])" +
        @"|[ \u00A0]?(?<scale>k|K|M|m|mn|bn|B|b|tn|Md|Mds)(?![\p{L}\p{N}]))";

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<sign>US\$|\$|€|£|¥|USD|EUR|GBP|JPY)[ \u00A0]?(?<number>" + WrittenNumber.Pattern + ")" + Scale + "?")]
    private static partial Regex SignBefore();

    [GeneratedRegex("(?<number>" + WrittenNumber.Standalone + ")" + Scale + @"?[ \u00A0]?(?<sign>US\$|\$|€|£|¥|USD|EUR|GBP|JPY)(?![\p{L}\p{N}])")]
    private static partial Regex SignAfter();
}
