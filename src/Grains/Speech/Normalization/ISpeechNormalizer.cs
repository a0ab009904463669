namespace Lector.Grains.Speech.Normalization;

/// <summary>Turns text as written into text as it should be spoken, in the text's language.</summary>
public interface ISpeechNormalizer
{
    /// <summary>
    /// The text an engine should read: addresses, signs, abbreviations, numbers, dates, units and code identifiers
    /// as people say them; footnote markers, dot leaders and typesetting artefacts gone. <paramref name="language"/>
    /// is a BCP 47 tag ("en", "en-GB", "es-MX", "fr"); null, empty or a language without rules of its own
    /// (see <see cref="SpeechNormalizer.HasRulesFor"/>) gets only the language-neutral rules. Paragraph breaks are kept.
    /// </summary>
    string Normalize(string text, string? language);
}
