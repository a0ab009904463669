namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// French: decimal comma, thousands grouped with spaces, numeric dates day first; Belgium and Switzerland say
/// "septante" and "nonante".
/// </summary>
internal sealed class FrenchLanguage : SpeechLanguage
{
    private static readonly FrenchLanguage France = new(FrenchNumberWords.France);

    private static readonly FrenchLanguage BelgiumAndSwitzerland = new(FrenchNumberWords.BelgiumAndSwitzerland);

    private static readonly SpokenWords FrenchWords = new()
    {
        // URLs are read with "slash" in French, as people say them; "barre oblique" is the typographer's name.
        Dot = "point", At = "arobase", Slash = "slash", Dash = "tiret", Underscore = "tiret bas", Colon = "deux-points",
        Tilde = "tilde", Plus = "plus", Copyright = "copyright", RangeTo = "à", Between = "entre", And = "et", Minus = "moins",
        PlusOrMinus = "plus ou moins", Percent = "pour cent", PerMille = "pour mille", Number = "numéro", About = "environ",
        By = "par", VersionPoint = "point", Squared = "au carré", Cubed = "au cube",
        Half = "un demi", Quarter = "un quart", ThreeQuarters = "trois quarts",
    };

    private static readonly NumberConventions FrenchNumbers = new(',', '.', "virgule", GroupsWithSpaces: true);

    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly AbbreviationTable FrenchAbbreviations = new(
    [
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "et cetera", "etc."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "société anonyme", "S.A.", "S. A."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "compagnie", "Cie", "Cie."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "PDG", "P.-D.G.", "P.D.G.", "P-DG"),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "avant Jésus-Christ", "av. J.-C."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "après Jésus-Christ", "apr. J.-C."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "c'est-à-dire", "c.-à-d.", "c-à-d", "c.-à-d"),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "par exemple", "p. ex.", "p.ex.", "P. ex."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "confer", "cf.", "Cf."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "environ", "env."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "versus", "vs", "vs."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "respectivement", "resp."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "monsieur", "M."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "messieurs", "MM."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "madame", "Mme", "Mme."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "mesdames", "Mmes"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "mademoiselle", "Mlle"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "mesdemoiselles", "Mlles"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "docteur", "Dr", "Dr."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "professeur", "Pr", "Pr."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "maître", "Me"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "monseigneur", "Mgr"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "saint", "St"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "sainte", "Ste"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "boulevard", "bd", "Bd"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "avenue", "av.", "Av."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "page", "p."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "pages", "pp."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "numéro", "n°", "N°", "nº", "Nº", "no", "No", "№"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "numéros", "nos", "n°s"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "volume", "vol.", "Vol."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "chapitre", "chap.", "Chap."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "figure", "fig.", "Fig."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "article", "art.", "Art."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "téléphone", "tél.", "Tél."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "paragraphe", "§"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "paragraphes", "§§"),
    ]);

    private readonly FrenchNumberWords _numbers;

    private FrenchLanguage(FrenchNumberWords numbers)
    {
        _numbers = numbers;
    }

    public override SpokenWords Words => FrenchWords;

    public override NumberWords Numbers => _numbers;

    public override NumberConventions Conventions => FrenchNumbers;

    public override AbbreviationTable Abbreviations => FrenchAbbreviations;

    public override bool DayFirst => true;

    public static FrenchLanguage ForRegion(string? region) => region is "BE" or "CH" ? BelgiumAndSwitzerland : France;

    /// <summary>French nouns stay singular below two: "1,5 kilomètre", "0 euro".</summary>
    public override bool IsSingular(double value) => Math.Abs(value) < 2;

    public override NounForms UnitName(MeasurementUnit unit) => unit.French;

    public override CurrencyNames CurrencyNames(Currency currency) => currency.French;

    /// <summary>The first of the month is "premier"; other days are read as digits.</summary>
    public override string Date(int year, int month, int day) => $"{(day == 1 ? "premier" : day)} {FrenchMonths[month - 1]} {year}";

    /// <summary>"dix heures trente", "une heure", "vingt et une heures cinq": hours and minutes are feminine.</summary>
    public override string Time(int hour, int minute, int? second, string? meridiem)
    {
        var said = $"{Numbers.Cardinal(hour, GrammaticalGender.Feminine)} {(hour < 2 ? "heure" : "heures")}";
        if (minute > 0)
        {
            said += " " + Numbers.Cardinal(minute, GrammaticalGender.Feminine);
        }

        return second is { } s ? $"{said} et {Numbers.Cardinal(s, GrammaticalGender.Feminine)} {(s < 2 ? "seconde" : "secondes")}" : said;
    }

    public override string? ScaleWord(string written, WrittenNumber amount) => written switch
    {
        "k" or "K" or "mille" => "mille",
        "M" or "million" or "millions" => IsSingular(amount.Value) ? "million" : "millions",
        "Md" or "Mds" or "milliard" or "milliards" => IsSingular(amount.Value) ? "milliard" : "milliards",
        _ => null,
    };

    /// <summary>"5 mille euros", "2 millions de dollars", "3 milliards d'euros".</summary>
    public override string ScaledAmount(string amount, string scale, NounForms currency) => scale == "mille"
        ? $"{amount} mille {currency.Plural}"
        : $"{amount} {scale} {("aeiouyéè".Contains(currency.Plural[0], StringComparison.Ordinal) ? "d'" : "de ")}{currency.Plural}";

    /// <summary>French says "trois euros cinquante" without naming the cents.</summary>
    protected override string UnitsAndHundredths(string units, WrittenNumber hundredths, NounForms hundredth) => $"{units} {hundredths.Whole}";
}
