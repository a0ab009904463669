using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// A number followed by a unit symbol reads the unit's name, singular or plural as the number asks: "5 km" ->
/// "5 kilometers", "1 km" -> "un kilómetro", "−5 °C" -> "minus 5 degrees Celsius", "3 GHz" -> "3 gigahertz".
/// The pattern is built from <see cref="MeasurementUnit.All"/> (longest symbol first), an alternation of literals
/// compiled once.
/// </summary>
internal static class UnitQuantities
{
    private static readonly Dictionary<string, MeasurementUnit> BySymbol =
        MeasurementUnit.All.SelectMany(u => u.Symbols.Select(s => (Symbol: s, Unit: u))).ToDictionary(p => p.Symbol, p => p.Unit, StringComparer.Ordinal);

    private static readonly Regex Quantity = new(
        WrittenNumber.Signed + @"(?<space>[ \u00A0]?)(?<unit>" +
        string.Join('|', BySymbol.Keys.OrderByDescending(s => s.Length).Select(Regex.Escape)) +
        @")(?![\p{L}\p{N}_])",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static string Apply(string text, SpeechLanguage language) => Quantity.Replace(text, m =>
    {
        var symbol = m.Groups["unit"].Value;
        if ((m.Groups["space"].Length == 0 && MeasurementUnit.NeedsSpace(symbol))
            || WrittenNumber.Parse(m.Groups["number"].Value, language.Conventions) is not { DottedParts: null } number)
        {
            return m.Value;
        }

        return language.Signed(m.Groups["minus"].Success, language.Count(number, language.UnitName(BySymbol[symbol])));
    });
}
