namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// The rules in the order they depend on each other. Typesetting is undone first so later patterns see plain
/// characters; addresses are read before anything else touches their dots, dashes and digits; abbreviations before
/// dotted names and numbers ("No. 5", "e.g."); dates and times before ranges (a date has hyphens, a time a colon);
/// ranges before quantities, so "10–12 km" becomes "10 to 12 kilometers"; quantities before plain numbers. Each rule
/// is a few linear-time source-generated (or literal-alternation) regular expressions over the page, and each
/// leaves text the others no longer match, so normalizing twice changes little.
/// English, Spanish and French have rules of their own; any other language gets the language-neutral ones
/// (typography, punctuation runs, footnote markers, trademark signs, initialisms, snake_case and camelCase,
/// superscripts, spacing), which change no words.
/// </summary>
public sealed class SpeechNormalizer : ISpeechNormalizer
{
    /// <summary>Whether a language (BCP 47 tag) has rules of its own beyond the language-neutral ones.</summary>
    public static bool HasRulesFor(string? language) => SpeechLanguage.For(language) is not null;

    public string Normalize(string text, string? language)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var spoken = SpeechLanguage.For(language);
        text = Typography.Apply(text, spoken?.Conventions.GroupsWithSpaces ?? false);
        text = PunctuationRuns.Apply(text);
        text = CitationMarkers.DropBracketed(text);
        if (spoken is not null)
        {
            text = WebAddresses.Apply(text, spoken.Words);
        }

        text = LegalSigns.Apply(text, spoken?.Words.Copyright);
        text = Abbreviations.Apply(text, spoken);
        text = CitationMarkers.DropAttached(text);
        text = CodeIdentifiers.Apply(text, spoken?.Words);
        if (spoken is not null)
        {
            text = CalendarDates.Apply(text, spoken);
            text = ClockTimes.Apply(text, spoken);
            text = NumberRanges.Apply(text, spoken);
            text = MoneyAmounts.Apply(text, spoken);
            text = Percentages.Apply(text, spoken);
            text = UnitQuantities.Apply(text, spoken);
            text = Ordinals.Apply(text, spoken);
            text = NumberSymbols.Apply(text, spoken);
            text = Numerals.Apply(text, spoken);
            text = FrenchElision.Apply(text, spoken);
        }

        text = Superscripts.Apply(text, spoken?.Words);
        return Spacing.Apply(text);
    }
}
