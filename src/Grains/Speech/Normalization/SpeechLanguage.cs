namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// What the rules need to know about one language as spoken: its words for signs, its numbers, its abbreviations,
/// and how it says dates, times, amounts and quantities. A BCP 47 tag chooses one; regions change conventions
/// (en-US dates, es-MX decimals, fr-BE numbers). Languages without one get only the language-neutral rules.
/// </summary>
internal abstract class SpeechLanguage
{
    public abstract SpokenWords Words { get; }

    public abstract NumberWords Numbers { get; }

    public abstract NumberConventions Conventions { get; }

    public abstract AbbreviationTable Abbreviations { get; }

    /// <summary>Whether 5/3/2024 is the 5th of March (true) or May 3rd.</summary>
    public abstract bool DayFirst { get; }

    /// <summary>The language for a BCP 47 tag ("en", "en-GB", "es_MX", "fr-CA"); null when it has no rules of its own.</summary>
    public static SpeechLanguage? For(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var subtags = tag.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (subtags.Length == 0)
        {
            return null;
        }

        var region = subtags.Skip(1).FirstOrDefault(s => s.Length == 2 || (s.Length == 3 && s.All(char.IsAsciiDigit)))?.ToUpperInvariant();
        return subtags[0].ToLowerInvariant() switch
        {
            "en" or "eng" => EnglishLanguage.ForRegion(region),
            "es" or "spa" => SpanishLanguage.ForRegion(region),
            "fr" or "fra" or "fre" => FrenchLanguage.ForRegion(region),
            _ => null,
        };
    }

    /// <summary>The name of a unit after a number.</summary>
    public abstract NounForms UnitName(MeasurementUnit unit);

    /// <summary>The names of a currency's units.</summary>
    public abstract CurrencyNames CurrencyNames(Currency currency);

    /// <summary>A date: "March fifth, 2024", "5 de marzo de 2024", "premier mars 2024"; the year stays digits, which engines read as a year.</summary>
    public abstract string Date(int year, int month, int day);

    /// <summary>A clock time; <paramref name="meridiem"/> is "a.m." or "p.m." when written.</summary>
    public abstract string Time(int hour, int minute, int? second, string? meridiem);

    /// <summary>
    /// The word for a scale written after an amount ("million", "M", "bn", "k") agreeing with the amount, or null
    /// when the language does not know it.
    /// </summary>
    public abstract string? ScaleWord(string written, WrittenNumber amount);

    /// <summary>An amount with a scale: "1.5 million dollars", "2 millones de euros", "3 milliards d'euros".</summary>
    public abstract string ScaledAmount(string amount, string scale, NounForms currency);

    /// <summary>Whether a value takes the singular of its noun: English and Spanish only for one, French below two.</summary>
    public virtual bool IsSingular(double value) => Math.Abs(value) == 1;

    /// <summary>A number standing alone: integers as digits without grouping, decimals in words, versions part by part.</summary>
    public string Say(WrittenNumber number)
    {
        if (number.DottedParts is { } parts)
        {
            return string.Join($" {Words.VersionPoint} ", parts);
        }

        if (number.Fraction is { } fraction && number.Whole.Length <= 15)
        {
            return Numbers.Decimal(long.Parse(number.Whole, System.Globalization.CultureInfo.InvariantCulture), fraction, Conventions.DecimalWord);
        }

        return number.Fraction is null ? number.Whole : $"{number.Whole} {Conventions.DecimalWord} {Numbers.Digits(number.Fraction)}";
    }

    /// <summary>The language's "minus" before what was said for a number written with a minus sign.</summary>
    public string Signed(bool minus, string said) => minus ? $"{Words.Minus} {said}" : said;

    /// <summary>
    /// A number counting a noun. The digits stay unless an engine would misread them before this noun (Spanish
    /// "un kilómetro", French "une heure"), in which case the number is written out.
    /// </summary>
    public string Count(WrittenNumber number, NounForms noun)
    {
        var singular = IsSingular(number.Value);
        if (number.IntegerValue is { } value && Numbers.DigitsMisreadBeforeNoun(value, noun.Gender))
        {
            return $"{Numbers.CardinalBeforeNoun(value, noun.Gender)} {(singular ? noun.Singular : noun.Plural)}";
        }

        return $"{Say(number)} {(singular ? noun.Singular : noun.Plural)}";
    }

    /// <summary>An amount of a currency written with its hundredths ("$3.50").</summary>
    public string Money(WrittenNumber units, long hundredths, CurrencyNames names)
    {
        if (hundredths == 0 || names.Hundredth is null)
        {
            return Count(units, names.Unit);
        }

        var hundredthsNumber = new WrittenNumber(hundredths.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null);
        return units.Whole.All(c => c == '0')
            ? Count(hundredthsNumber, names.Hundredth)
            : UnitsAndHundredths(Count(units, names.Unit), hundredthsNumber, names.Hundredth);
    }

    /// <summary>"3 dollars and 50 cents", "3 euros con 50 céntimos", "3 euros 50".</summary>
    protected abstract string UnitsAndHundredths(string units, WrittenNumber hundredths, NounForms hundredth);
}
