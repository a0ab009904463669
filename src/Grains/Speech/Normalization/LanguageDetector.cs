using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Guesses the language of a text without metadata, among English, Spanish, French, German, Italian and
/// Portuguese, from its most frequent short words (articles, prepositions, pronouns, auxiliaries) and a few
/// letters only some of them use (ñ, ç, ß, ã...). A word shared by several languages counts for each a share.
/// Returns null when unsure: too few words, too few of them known, or two languages too close (Spanish and
/// Portuguese share many). Reads at most the first few thousand characters, so it costs the same for any document.
/// </summary>
public static partial class LanguageDetector
{
    /// <summary>How much of a text is read: its opening is enough to tell its language.</summary>
    public const int MaxCharacters = 6000;
    private const int FewestWords = 8;
    private const double FewestKnownShare = 0.15;
    private const double LeadOverSecond = 1.3;

    private static readonly (string Tag, string[] Words, string Letters)[] Languages =
    [
        ("en", [
            "the", "of", "and", "to", "in", "is", "that", "it", "for", "was", "on", "with", "as", "be", "by", "this", "are",
            "or", "not", "you", "at", "from", "have", "an", "which", "but", "they", "his", "her", "she", "he", "we", "will",
            "can", "has", "been", "were", "their", "would", "there", "if", "what", "all", "when", "any", "its", "more", "than",
            "these", "such", "into", "only", "also", "may", "must", "should", "does", "do", "our", "your", "who", "each",
            "other", "them", "so", "no", "one", "about", "how", "i", "my", "me", "don't", "doesn't",
        ], ""),
        ("es", [
            "el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "es", "se", "no", "por", "con", "para", "su",
            "sus", "al", "lo", "como", "más", "pero", "o", "este", "esta", "ha", "son", "está", "sobre", "entre", "cuando",
            "también", "muy", "sin", "ser", "hay", "todo", "puede", "cada", "desde", "porque", "fue", "ya", "donde", "si",
            "le", "les", "nos", "mi", "él", "ella", "esto", "estos", "estas", "hasta", "otro", "otra", "ni", "según", "sino",
        ], "ñ¿¡"),
        ("fr", [
            "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "que", "qui", "dans", "pour", "pas", "par",
            "sur", "au", "aux", "il", "elle", "ne", "se", "ce", "cette", "ces", "sont", "avec", "plus", "ou", "mais", "son",
            "sa", "ses", "nous", "vous", "ils", "été", "être", "leur", "comme", "tout", "peut", "où", "d", "l", "qu", "n",
            "s", "c", "j", "très", "aussi", "si", "y", "à", "sans", "lui", "même", "chaque", "avoir", "fait",
        ], "çœêûùëîï"),
        ("de", [
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "dem", "des", "mit", "von", "auf", "für",
            "im", "in", "sich", "es", "auch", "als", "an", "wird", "werden", "sind", "bei", "oder", "aus", "nach", "wie",
            "wenn", "nur", "noch", "einer", "einen", "kann", "dass", "sie", "er", "wir", "ich", "hat", "war", "diese",
            "dieser", "zum", "zur", "über", "unter", "durch", "jedes", "jeder", "wurde", "vom", "man", "aber", "so",
        ], "äöüß"),
        ("it", [
            "il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "delle", "che", "e", "è", "un", "una", "in", "per",
            "con", "non", "si", "da", "al", "alla", "sono", "come", "più", "ma", "anche", "questo", "questa", "ha", "essere",
            "nel", "nella", "su", "sul", "tra", "fra", "se", "ogni", "può", "dal", "degli", "ad", "o", "cui", "loro", "suo",
            "sua", "ed", "stato", "viene", "questi", "quale", "dello", "nei", "agli", "ai",
        ], "òì"),
        ("pt", [
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "que", "e", "é", "um", "uma", "em", "no", "na", "nos", "nas",
            "para", "por", "com", "não", "se", "ao", "aos", "mais", "como", "mas", "ou", "seu", "sua", "são", "está", "foi",
            "ser", "pelo", "pela", "também", "muito", "isso", "este", "esta", "ele", "ela", "quando", "pode", "cada", "já",
            "entre", "sobre", "até", "só", "pelos", "pelas", "seus", "suas", "contra", "será",
        ], "ãõ"),
    ];

    /// <summary>Each known word and the languages (indexes into <see cref="Languages"/>) that use it.</summary>
    private static readonly Dictionary<string, int[]> LanguagesByWord = Languages
        .SelectMany((language, index) => language.Words.Distinct().Select(word => (word, index)))
        .GroupBy(p => p.word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(p => p.index).ToArray(), StringComparer.Ordinal);

    /// <summary>The most likely language as a BCP 47 tag ("en", "es", "fr", "de", "it", "pt"), or null when unsure.</summary>
    public static string? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sample = text.Length > MaxCharacters ? text[..MaxCharacters] : text;
        var scores = new double[Languages.Length];
        var words = 0;
        var known = 0;
        foreach (var match in Word().EnumerateMatches(sample))
        {
            words++;
            var word = sample.Substring(match.Index, match.Length).ToLowerInvariant();
            if (LanguagesByWord.TryGetValue(word, out var languages))
            {
                known++;
                foreach (var language in languages)
                {
                    scores[language] += 1.0 / languages.Length;
                }
            }
        }

        if (words < FewestWords || known < words * FewestKnownShare)
        {
            return null;
        }

        AddLetters(sample, scores);
        var ranked = scores.Select((score, index) => (score, index)).OrderByDescending(s => s.score).ToArray();
        return ranked[0].score >= ranked[1].score * LeadOverSecond ? Languages[ranked[0].index].Tag : null;
    }

    /// <summary>A letter only some languages write counts half a word for each, at most one plus a tenth of the words' score.</summary>
    private static void AddLetters(string sample, double[] scores)
    {
        for (var i = 0; i < Languages.Length; i++)
        {
            var letters = Languages[i].Letters;
            if (letters.Length > 0)
            {
                var count = sample.Count(c => letters.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal));
                scores[i] += Math.Min(count * 0.5, scores[i] * 0.1 + 1);
            }
        }
    }

    /// <summary>A word: letters, with an apostrophe inside ("don't") but split at an elided article ("l'homme" is "l" and "homme").</summary>
    [GeneratedRegex(@"\p{L}+(?:['’]t\b)?")]
    private static partial Regex Word();
}
