namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Spanish. The decimal mark is a comma (Spain, most of South America) or a point (Mexico, Central America, the
/// Caribbean, the United States); "$" is the peso in Mexico, Argentina, Chile, Colombia, Uruguay, Cuba and the
/// Dominican Republic. Numeric dates are day first.
/// </summary>
internal sealed class SpanishLanguage : SpeechLanguage
{
    private static readonly HashSet<string> DecimalPointRegions = ["MX", "US", "GT", "HN", "NI", "PA", "SV", "DO", "PR", "PH"];

    private static readonly HashSet<string> PesoRegions = ["MX", "AR", "CL", "CO", "UY", "CU", "DO", "PH"];

    private static readonly SpanishLanguage[] Variants =
        [new(false, false), new(false, true), new(true, false), new(true, true)];

    private static readonly SpokenWords SpanishWords = new()
    {
        Dot = "punto", At = "arroba", Slash = "barra", Dash = "guion", Underscore = "guion bajo", Colon = "dos puntos",
        Tilde = "virgulilla", Plus = "más", Copyright = "copyright", RangeTo = "a", Between = "entre", And = "y",
        Minus = "menos", PlusOrMinus = "más o menos", Percent = "por ciento", PerMille = "por mil", Number = "número",
        About = "unos", By = "por", VersionPoint = "punto", Squared = "al cuadrado", Cubed = "al cubo",
        Half = "un medio", Quarter = "un cuarto", ThreeQuarters = "tres cuartos",
    };

    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    private static readonly AbbreviationTable SpanishAbbreviations = new(
    [
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "etcétera", "etc."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "sociedad anónima", "S.A.", "S. A."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "sociedad limitada", "S.L.", "S. L."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "compañía", "Cía."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Estados Unidos", "EE. UU.", "EE.UU."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "antes de Cristo", "a. C.", "a.C."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "después de Cristo", "d. C.", "d.C."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "usted", "Ud.", "Vd."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "ustedes", "Uds.", "Vds."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "por ejemplo", "p. ej.", "p.ej.", "P. ej."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "aproximadamente", "aprox."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "compárese", "cf.", "cfr."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "versus", "vs."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "general", "gral."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "señor", "Sr."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "señora", "Sra."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "señorita", "Srta."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "señores", "Sres."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "doctor", "Dr."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "doctora", "Dra."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "licenciado", "Lic."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "ingeniero", "Ing."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "profesor", "Prof."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "profesora", "Profa."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "doña", "Dña."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "santo", "Sto."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "santa", "Sta."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "general", "Gral."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "avenida", "Avda.", "Av."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "calle", "C/", "c/"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "página", "pág.", "p."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "páginas", "págs.", "pp."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "número", "núm.", "n.º", "N.º", "nº", "Nº", "n°", "N°", "№"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "números", "núms."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "artículo", "art.", "Art."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "capítulo", "cap.", "Cap."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "figura", "fig.", "Fig."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "volumen", "vol.", "Vol."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "teléfono", "tel.", "Tel.", "tfno.", "Tfno."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "apartado", "apdo.", "Apdo."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "sección", "§"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "secciones", "§§"),
    ]);

    private readonly NumberConventions _conventions;
    private readonly bool _dollarSignIsPeso;

    private SpanishLanguage(bool decimalPoint, bool dollarSignIsPeso)
    {
        _conventions = decimalPoint ? new NumberConventions('.', ',', "punto") : new NumberConventions(',', '.', "coma");
        _dollarSignIsPeso = dollarSignIsPeso;
    }

    public override SpokenWords Words => SpanishWords;

    public override NumberWords Numbers => SpanishNumberWords.Instance;

    public override NumberConventions Conventions => _conventions;

    public override AbbreviationTable Abbreviations => SpanishAbbreviations;

    public override bool DayFirst => true;

    public static SpanishLanguage ForRegion(string? region) =>
        Variants[(region is not null && DecimalPointRegions.Contains(region) ? 2 : 0) + (region is not null && PesoRegions.Contains(region) ? 1 : 0)];

    public override NounForms UnitName(MeasurementUnit unit) => unit.Spanish;

    public override CurrencyNames CurrencyNames(Currency currency) =>
        currency == Currency.Dollar && _dollarSignIsPeso ? Currency.SpanishPeso : currency.Spanish;

    public override string Date(int year, int month, int day) => $"{day} de {SpanishMonths[month - 1]} de {year}";

    /// <summary>"diez y treinta", "diez en punto", "una y cinco": hours agree with the feminine "hora".</summary>
    public override string Time(int hour, int minute, int? second, string? meridiem)
    {
        var said = Numbers.Cardinal(hour, GrammaticalGender.Feminine) + (minute == 0 ? " en punto" : $" y {Numbers.Cardinal(minute)}");
        return second is { } s ? $"{said} con {Numbers.Cardinal(s)} {(s == 1 ? "segundo" : "segundos")}" : said;
    }

    public override string? ScaleWord(string written, WrittenNumber amount) => written switch
    {
        "k" or "K" or "mil" => "mil",
        "M" or "millón" or "millones" => amount.IntegerValue == 1 ? "millón" : "millones",
        "mil millones" => "mil millones",
        _ => null,
    };

    /// <summary>"5 mil euros", but "2 millones de euros": millions are nouns and take "de".</summary>
    public override string ScaledAmount(string amount, string scale, NounForms currency) =>
        scale == "mil" ? $"{amount} mil {currency.Plural}" : $"{amount} {scale} de {currency.Plural}";

    protected override string UnitsAndHundredths(string units, WrittenNumber hundredths, NounForms hundredth) =>
        $"{units} con {Count(hundredths, hundredth)}";
}
