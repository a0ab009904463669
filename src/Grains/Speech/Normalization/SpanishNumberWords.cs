namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Spanish numbers: long scale (mil millones = 10⁹, billón = 10¹²), "uno" shortened to "un" before a noun and
/// agreeing with a feminine one ("una", "doscientas"). Ordinals in their learned forms up to 999 and 1000; above
/// that Spanish usage itself falls back to the cardinal.
/// </summary>
internal sealed class SpanishNumberWords : NumberWords
{
    public static readonly SpanishNumberWords Instance = new();

    private static readonly string[] Small =
    [
        "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
        "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
        "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
    ];

    private static readonly string[] Tens = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];

    private static readonly string[] Hundreds =
        ["", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos", "ochocientos", "novecientos"];

    private static readonly string[] UnitOrdinals = ["", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno"];

    private static readonly string[] TenOrdinals =
        ["", "décimo", "vigésimo", "trigésimo", "cuadragésimo", "quincuagésimo", "sexagésimo", "septuagésimo", "octogésimo", "nonagésimo"];

    private static readonly string[] TeenOrdinals =
        ["", "undécimo", "duodécimo", "decimotercero", "decimocuarto", "decimoquinto", "decimosexto", "decimoséptimo", "decimoctavo", "decimonoveno"];

    private static readonly string[] HundredOrdinals =
    [
        "", "centésimo", "ducentésimo", "tricentésimo", "cuadringentésimo", "quingentésimo", "sexcentésimo",
        "septingentésimo", "octingentésimo", "noningentésimo",
    ];

    private SpanishNumberWords()
    {
    }

    /// <summary>How a final one is said: standing alone, before a noun, or agreeing with a feminine noun.</summary>
    private enum One
    {
        Alone,
        BeforeNoun,
        Feminine,
    }

    public override string Cardinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine) =>
        Say(number, gender == GrammaticalGender.Feminine, gender == GrammaticalGender.Feminine ? One.Feminine : One.Alone);

    /// <summary>"un kilómetro", "veintiún euros", "una hora", and "de" after whole millions: "un millón de euros".</summary>
    public override string CardinalBeforeNoun(long number, GrammaticalGender gender)
    {
        var feminine = gender == GrammaticalGender.Feminine;
        var words = Say(number, feminine, feminine ? One.Feminine : One.BeforeNoun);
        return number >= 1_000_000 && number % 1_000_000 == 0 ? words + " de" : words;
    }

    public override string Ordinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine, bool beforeNoun = false)
    {
        if (number is < 1 or > 1000)
        {
            return Cardinal(number, gender);
        }

        var words = new List<string>();
        if (number == 1000)
        {
            words.Add("milésimo");
        }
        else
        {
            var rest = (int)number % 100;
            words.Add(HundredOrdinals[number / 100]);
            words.Add(rest is > 10 and < 20 ? TeenOrdinals[rest - 10] : TenOrdinals[rest / 10]);
            words.Add(rest is > 10 and < 20 ? "" : UnitOrdinals[rest % 10]);
        }

        var ordinal = string.Join(' ', words.Where(w => w.Length > 0));
        if (gender == GrammaticalGender.Feminine)
        {
            return string.Join(' ', ordinal.Split(' ').Select(w => w[..^1] + "a"));
        }

        // Before a masculine noun "primero" and "tercero" lose their final o: "el primer capítulo", "el vigésimo tercer día".
        return beforeNoun && ordinal.EndsWith("ero", StringComparison.Ordinal) ? ordinal[..^1] : ordinal;
    }

    private static string Say(long number, bool feminine, One one)
    {
        if (number < 0)
        {
            return "menos " + Say(-number, feminine, one);
        }

        if (number == 0)
        {
            return "cero";
        }

        var parts = new List<string>();
        AddScale(parts, number / 1_000_000_000_000, "billón", "billones");
        AddScale(parts, number / 1_000_000 % 1_000_000, "millón", "millones");
        if (number % 1_000_000 > 0)
        {
            parts.Add(BelowMillion((int)(number % 1_000_000), feminine, one));
        }

        return string.Join(' ', parts);
    }

    /// <summary>Millions and billions are masculine nouns: "un millón", "veintiún millones", even of pages.</summary>
    private static void AddScale(List<string> parts, long count, string singular, string plural)
    {
        if (count == 1)
        {
            parts.Add("un " + singular);
        }
        else if (count > 1)
        {
            parts.Add($"{Say(count, false, One.BeforeNoun)} {plural}");
        }
    }

    private static string BelowMillion(int number, bool feminine, One one)
    {
        var thousands = number / 1000;
        var rest = number % 1000;
        var parts = new List<string>();
        if (thousands == 1)
        {
            parts.Add("mil");
        }
        else if (thousands > 1)
        {
            parts.Add(BelowThousand(thousands, feminine, feminine ? One.Feminine : One.BeforeNoun) + " mil");
        }

        if (rest > 0)
        {
            parts.Add(BelowThousand(rest, feminine, one));
        }

        return string.Join(' ', parts);
    }

    private static string BelowThousand(int number, bool feminine, One one)
    {
        if (number == 100)
        {
            return "cien";
        }

        var hundreds = number / 100;
        var rest = number % 100;
        var hundredWord = hundreds > 1 && feminine ? Hundreds[hundreds][..^2] + "as" : Hundreds[hundreds];
        var restWord = rest == 0 ? "" : BelowHundred(rest, one);
        return hundreds == 0 ? restWord : rest == 0 ? hundredWord : $"{hundredWord} {restWord}";
    }

    private static string BelowHundred(int number, One one) => number switch
    {
        1 => OneWord(one),
        21 => one switch { One.BeforeNoun => "veintiún", One.Feminine => "veintiuna", _ => "veintiuno" },
        < 30 => Small[number],
        _ when number % 10 == 0 => Tens[number / 10],
        _ when number % 10 == 1 => $"{Tens[number / 10]} y {OneWord(one)}",
        _ => $"{Tens[number / 10]} y {Small[number % 10]}",
    };

    private static string OneWord(One one) => one switch { One.BeforeNoun => "un", One.Feminine => "una", _ => "uno" };
}
