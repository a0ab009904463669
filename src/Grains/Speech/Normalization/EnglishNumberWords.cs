namespace Lector.Grains.Speech.Normalization;

/// <summary>English numbers, American style: no "and" after hundred ("one hundred five"), short scale (billion = 10⁹).</summary>
internal sealed class EnglishNumberWords : NumberWords
{
    public static readonly EnglishNumberWords Instance = new();

    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Value, string Name)[] Scales =
    [
        (1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"),
    ];

    private static readonly Dictionary<string, string> IrregularOrdinals = new(StringComparer.Ordinal)
    {
        ["one"] = "first", ["two"] = "second", ["three"] = "third", ["five"] = "fifth",
        ["eight"] = "eighth", ["nine"] = "ninth", ["twelve"] = "twelfth",
    };

    private EnglishNumberWords()
    {
    }

    public override string Cardinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine)
    {
        if (number < 0)
        {
            return "minus " + Cardinal(-number);
        }

        if (number < 1000)
        {
            return BelowThousand((int)number);
        }

        var parts = new List<string>();
        foreach (var (value, name) in Scales)
        {
            if (number >= value)
            {
                parts.Add($"{Cardinal(number / value)} {name}");
                number %= value;
            }
        }

        if (number > 0)
        {
            parts.Add(BelowThousand((int)number));
        }

        return string.Join(' ', parts);
    }

    /// <summary>The cardinal with its last word made ordinal: twenty-one -> twenty-first, forty -> fortieth.</summary>
    public override string Ordinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine, bool beforeNoun = false)
    {
        var cardinal = Cardinal(number);
        var start = cardinal.LastIndexOfAny([' ', '-']) + 1;
        var last = cardinal[start..];
        var ordinal = IrregularOrdinals.TryGetValue(last, out var irregular) ? irregular
            : last.EndsWith('y') ? last[..^1] + "ieth"
            : last + "th";
        return cardinal[..start] + ordinal;
    }

    /// <summary>English reads the fraction digit by digit: "three point one four".</summary>
    public override string Decimal(long whole, string fractionDigits, string decimalWord) =>
        $"{Cardinal(whole)} {decimalWord} {Digits(fractionDigits)}";

    private static string BelowThousand(int number)
    {
        var hundreds = number / 100;
        var rest = number % 100;
        var below = rest < 20 ? Small[rest] : Tens[rest / 10] + (rest % 10 > 0 ? "-" + Small[rest % 10] : "");
        return hundreds == 0 ? below : $"{Small[hundreds]} hundred" + (rest > 0 ? " " + below : "");
    }
}
