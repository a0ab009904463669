namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Numbers written out as one language says them. Used where an engine reading the digits would get it wrong
/// (ordinals, decimals in another convention, a number agreeing with its noun); plain integers stay digits,
/// which every engine reads correctly in its own language.
/// </summary>
internal abstract class NumberWords
{
    /// <summary>The largest number written out; beyond it the digits are left as they are.</summary>
    public const long Largest = 999_999_999_999_999;

    /// <summary>The number as counted, standing alone ("uno", "vingt et un").</summary>
    public abstract string Cardinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine);

    /// <summary>The number counting the noun that follows it ("un kilómetro", "veintiún euros", "un millón de euros").</summary>
    public virtual string CardinalBeforeNoun(long number, GrammaticalGender gender) => Cardinal(number, gender);

    /// <summary>The rank: first, second; <paramref name="beforeNoun"/> gives Spanish "primer", "tercer".</summary>
    public abstract string Ordinal(long number, GrammaticalGender gender = GrammaticalGender.Masculine, bool beforeNoun = false);

    /// <summary>
    /// Whether an engine reading the digits before a noun of this gender would say the number wrongly: engines read
    /// digits as the plain masculine cardinal ("uno", "vingt et un"), right in English, wrong for "un kilómetro",
    /// "doscientas páginas", "un millón de euros" or "vingt et une heures".
    /// </summary>
    public bool DigitsMisreadBeforeNoun(long number, GrammaticalGender gender) =>
        !string.Equals(CardinalBeforeNoun(number, gender), Cardinal(number), StringComparison.Ordinal);

    /// <summary>
    /// A decimal number: its whole part, the language's word for the decimal mark, then the fraction. Spanish and
    /// French say a short fraction as a number ("tres coma catorce"), English digit by digit ("three point one four").
    /// </summary>
    public virtual string Decimal(long whole, string fractionDigits, string decimalWord)
    {
        var fraction = fractionDigits.Length <= 2 && fractionDigits[0] != '0'
            ? Cardinal(long.Parse(fractionDigits, System.Globalization.CultureInfo.InvariantCulture))
            : Digits(fractionDigits);
        return $"{Cardinal(whole)} {decimalWord} {fraction}";
    }

    /// <summary>Each digit as a word: "zero five".</summary>
    public string Digits(string digits) => string.Join(' ', digits.Select(d => Cardinal(d - '0')));
}
