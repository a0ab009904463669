namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// French numbers in the traditional spelling (hyphens below a hundred, "et" before un and onze), with the plural
/// s of "quatre-vingts" and "deux cents" only when nothing follows. Belgium and Switzerland say "septante" and
/// "nonante"; "huitante" is only regional in Switzerland, so eighty stays "quatre-vingts" everywhere.
/// </summary>
internal sealed class FrenchNumberWords : NumberWords
{
    public static readonly FrenchNumberWords France = new(septanteNonante: false);

    public static readonly FrenchNumberWords BelgiumAndSwitzerland = new(septanteNonante: true);

    private static readonly string[] Small =
    [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
    ];

    private static readonly string[] Tens = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante", "septante", "quatre-vingt", "nonante"];

    private static readonly (long Value, string Singular, string Plural)[] Scales =
    [
        (1_000_000_000_000, "un billion", "billions"), (1_000_000_000, "un milliard", "milliards"), (1_000_000, "un million", "millions"),
    ];

    private readonly bool _septanteNonante;

    private FrenchNumberWords(bool septanteNonante)
    {
        _septanteNonante = septanteNonante;
    }

    public override string Cardinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine)
    {
        if (number < 0)
        {
            return "moins " + Cardinal(-number, gender);
        }

        if (number == 0)
        {
            return "zéro";
        }

        var parts = new List<string>();
        foreach (var (value, singular, plural) in Scales)
        {
            var count = number / value;
            if (count > 0)
            {
                parts.Add(count == 1 ? singular : $"{Cardinal(count)} {plural}");
                number %= value;
            }
        }

        var thousands = number / 1000;
        if (thousands > 0)
        {
            parts.Add(thousands == 1 ? "mille" : BelowThousand((int)thousands, feminine: false, final: false) + " mille");
        }

        if (number % 1000 > 0)
        {
            parts.Add(BelowThousand((int)(number % 1000), gender == GrammaticalGender.Feminine, final: true));
        }

        return string.Join(' ', parts);
    }

    /// <summary>"première", then the cardinal with -ième: vingt et unième, cinquième, neuvième, quatre-vingtième, millième.</summary>
    public override string Ordinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine, bool beforeNoun = false)
    {
        if (number == 1)
        {
            return gender == GrammaticalGender.Feminine ? "première" : "premier";
        }

        if (number < 1)
        {
            return Cardinal(number, gender);
        }

        var cardinal = Cardinal(number);
        if (cardinal.StartsWith("un ", StringComparison.Ordinal))
        {
            cardinal = cardinal[3..];
        }

        var start = cardinal.LastIndexOfAny([' ', '-']) + 1;
        var last = cardinal[start..];
        var stem = last switch
        {
            "cinq" => "cinqu",
            "neuf" => "neuv",
            "vingts" or "cents" or "millions" or "milliards" or "billions" => last[..^1],
            _ when last.EndsWith('e') => last[..^1],
            _ => last,
        };
        return cardinal[..start] + stem + "ième";
    }

    /// <summary>
    /// Below a thousand. <paramref name="final"/> is false before "mille", where "quatre-vingt" and "deux cent"
    /// lose their s; a feminine noun turns a final un into une.
    /// </summary>
    private string BelowThousand(int number, bool feminine, bool final)
    {
        var hundreds = number / 100;
        var rest = number % 100;
        var restWords = rest == 0 ? "" : BelowHundred(rest, feminine, final);
        if (hundreds == 0)
        {
            return restWords;
        }

        var hundredWords = hundreds == 1 ? "cent" : $"{Small[hundreds]} cent" + (rest == 0 && final ? "s" : "");
        return rest == 0 ? hundredWords : $"{hundredWords} {restWords}";
    }

    private string BelowHundred(int number, bool feminine, bool final)
    {
        var one = feminine ? "une" : "un";
        if (number < 20)
        {
            return number == 1 ? one : Small[number];
        }

        var tens = number / 10;
        var units = number % 10;
        if (!_septanteNonante && tens is 7 or 9)
        {
            // soixante-dix, soixante et onze, quatre-vingt-dix, quatre-vingt-onze: the tens below count on from ten.
            var below = tens == 7 ? "soixante" : "quatre-vingt";
            return tens == 7 && units == 1 ? "soixante et onze" : $"{below}-{Small[10 + units]}";
        }

        if (tens == 8)
        {
            return units == 0 ? (final ? "quatre-vingts" : "quatre-vingt") : "quatre-vingt-" + (units == 1 ? one : Small[units]);
        }

        return units switch
        {
            0 => Tens[tens],
            1 => $"{Tens[tens]} et {one}",
            _ => $"{Tens[tens]}-{Small[units]}",
        };
    }
}
