namespace Lector.Grains.Speech.Normalization;

/// <summary>Roman numerals in their standard form (I to MMMCMXCIX); anything else, such as "IIII" or "VX", is not one.</summary>
internal static class RomanNumerals
{
    private static readonly (int Value, string Numeral)[] Steps =
    [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];

    public static int? Parse(string numeral)
    {
        var value = 0;
        var rest = numeral.AsSpan();
        foreach (var (stepValue, stepNumeral) in Steps)
        {
            while (rest.StartsWith(stepNumeral, StringComparison.Ordinal))
            {
                value += stepValue;
                rest = rest[stepNumeral.Length..];
            }
        }

        return rest.IsEmpty && value is > 0 and < 4000 && ToRoman(value) == numeral ? value : null;
    }

    private static string ToRoman(int value)
    {
        var roman = new System.Text.StringBuilder();
        foreach (var (stepValue, stepNumeral) in Steps)
        {
            while (value >= stepValue)
            {
                roman.Append(stepNumeral);
                value -= stepValue;
            }
        }

        return roman.ToString();
    }
}
