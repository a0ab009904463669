namespace Lector.Grains.Speech.Normalization;

/// <summary>A currency: the signs and codes written before or after an amount, and its units' names in each language.</summary>
internal sealed record Currency(string[] Signs, CurrencyNames English, CurrencyNames Spanish, CurrencyNames French)
{
    private const GrammaticalGender F = GrammaticalGender.Feminine;

    public static readonly Currency Dollar = new(
        ["$", "US$", "USD"],
        new(new("dollar", "dollars"), new("cent", "cents")),
        new(new("dólar", "dólares"), new("centavo", "centavos")),
        new(new("dollar", "dollars"), new("cent", "cents")));

    /// <summary>"$" in Mexico, Argentina, Chile, Colombia and a few more Spanish-speaking countries.</summary>
    public static readonly CurrencyNames SpanishPeso = new(new("peso", "pesos"), new("centavo", "centavos"));

    public static readonly IReadOnlyList<Currency> All =
    [
        Dollar,
        new(
            ["€", "EUR"],
            new(new("euro", "euros"), new("cent", "cents")),
            new(new("euro", "euros"), new("céntimo", "céntimos")),
            new(new("euro", "euros"), new("centime", "centimes"))),
        new(
            ["£", "GBP"],
            new(new("pound", "pounds"), new("penny", "pence")),
            new(new("libra", "libras", F), new("penique", "peniques")),
            new(new("livre", "livres", F), new("penny", "pence"))),
        new(
            ["¥", "JPY"],
            new(new("yen", "yen"), null),
            new(new("yen", "yenes"), null),
            new(new("yen", "yens"), null)),
    ];
}
