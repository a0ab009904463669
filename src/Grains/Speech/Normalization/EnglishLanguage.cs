namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// English. Numeric dates are month first in the United States, Canada and the Philippines and where no region is
/// given (the most common reading of an untagged English text), day first elsewhere (en-GB, en-AU, en-IN...);
/// a day above 12 settles it either way.
/// </summary>
internal sealed class EnglishLanguage : SpeechLanguage
{
    private static readonly EnglishLanguage MonthFirst = new(dayFirst: false);

    private static readonly EnglishLanguage DayFirstRegions = new(dayFirst: true);

    private static readonly SpokenWords EnglishWords = new()
    {
        Dot = "dot", At = "at", Slash = "slash", Dash = "dash", Underscore = "underscore", Colon = "colon", Tilde = "tilde",
        Plus = "plus", Copyright = "copyright", RangeTo = "to", Between = "between", And = "and", Minus = "minus",
        PlusOrMinus = "plus or minus", Percent = "percent", PerMille = "per mille", Number = "number", About = "about",
        By = "by", VersionPoint = "point", Squared = "squared", Cubed = "cubed",
        Half = "one half", Quarter = "one quarter", ThreeQuarters = "three quarters",
    };

    private static readonly NumberConventions EnglishNumbers = new('.', ',', "point");

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly AbbreviationTable EnglishAbbreviations = new(
    [
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Incorporated", "Inc."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Limited", "Ltd."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Company", "Co."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Corporation", "Corp."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Brothers", "Bros."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "et cetera", "etc."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Junior", "Jr."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Senior", "Sr."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "et al", "et al."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "PhD", "Ph.D.", "Ph. D."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Avenue", "Ave."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Road", "Rd."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Boulevard", "Blvd."),
        .. Abbreviation.Forms(AbbreviationUse.MayEndSentence, "Department", "Dept."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "for example", "e.g.", "e. g.", "E.g."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "that is", "i.e.", "i. e.", "I.e."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "versus", "vs.", "vs"),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "approximately", "approx."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "compare", "cf."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "namely", "viz."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "also known as", "a.k.a."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "including", "incl."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "especially", "esp."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "Mister", "Mr."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "Missus", "Mrs."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "Miz", "Ms."),
        .. Abbreviation.Forms(AbbreviationUse.Inline, "Professor", "Prof."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Mister", "Mr"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Missus", "Mrs"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Miz", "Ms"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "General", "Gen."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Captain", "Capt."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Sergeant", "Sgt."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Lieutenant", "Lt."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Colonel", "Col."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Reverend", "Rev."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Governor", "Gov."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Senator", "Sen."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Representative", "Rep."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Mount", "Mt."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeName, "Fort", "Ft."),
        new("Dr.", "Doctor", AbbreviationUse.BeforeName, SpokenAfterName: "Drive"),
        new("Dr", "Doctor", AbbreviationUse.BeforeName),
        new("St.", "Saint", AbbreviationUse.BeforeName, SpokenAfterName: "Street"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "number", "No.", "no.", "Nº", "N°", "№"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "numbers", "Nos.", "nos."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Figure", "Fig."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "figure", "fig."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Figures", "Figs."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "page", "p."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "pages", "pp."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Volume", "Vol."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "volume", "vol."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Chapter", "Ch."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "chapter", "ch."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Section", "Sec.", "§"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "section", "sec."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "sections", "§§"),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Equation", "Eq."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "equation", "eq."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Article", "Art."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "article", "art."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "Apartment", "Apt."),
        .. Abbreviation.Forms(AbbreviationUse.BeforeNumber, "paragraph", "¶"),
    ]);

    private readonly bool _dayFirst;

    private EnglishLanguage(bool dayFirst)
    {
        _dayFirst = dayFirst;
    }

    public override SpokenWords Words => EnglishWords;

    public override NumberWords Numbers => EnglishNumberWords.Instance;

    public override NumberConventions Conventions => EnglishNumbers;

    public override AbbreviationTable Abbreviations => EnglishAbbreviations;

    public override bool DayFirst => _dayFirst;

    public static EnglishLanguage ForRegion(string? region) => region is null or "US" or "CA" or "PH" ? MonthFirst : DayFirstRegions;

    public static string MonthName(int month) => EnglishMonths[month - 1];

    public override NounForms UnitName(MeasurementUnit unit) => unit.English;

    public override CurrencyNames CurrencyNames(Currency currency) => currency.English;

    /// <summary>"March fifth, 2024" in American usage, "the fifth of March 2024" in British.</summary>
    public override string Date(int year, int month, int day) => _dayFirst
        ? $"the {Numbers.Ordinal(day)} of {EnglishMonths[month - 1]} {year}"
        : $"{EnglishMonths[month - 1]} {Numbers.Ordinal(day)}, {year}";

    /// <summary>"ten thirty", "ten oh five", "ten o'clock", "ten a.m.".</summary>
    public override string Time(int hour, int minute, int? second, string? meridiem)
    {
        var said = Numbers.Cardinal(hour);
        if (minute == 0 && second is null)
        {
            said += meridiem is null ? " o'clock" : "";
        }
        else
        {
            said += minute < 10 ? $" oh {Numbers.Cardinal(minute)}" : $" {Numbers.Cardinal(minute)}";
        }

        if (second is { } s)
        {
            said += $" and {Numbers.Cardinal(s)} {(s == 1 ? "second" : "seconds")}";
        }

        return meridiem is null ? said : $"{said} {meridiem}";
    }

    public override string? ScaleWord(string written, WrittenNumber amount) => written switch
    {
        "k" or "K" or "thousand" => "thousand",
        "m" or "M" or "mn" or "million" => "million",
        "b" or "B" or "bn" or "billion" => "billion",
        "tn" or "trillion" => "trillion",
        _ => null,
    };

    public override string ScaledAmount(string amount, string scale, NounForms currency) => $"{amount} {scale} {currency.Plural}";

    protected override string UnitsAndHundredths(string units, WrittenNumber hundredths, NounForms hundredth) =>
        $"{units} and {Count(hundredths, hundredth)}";
}
