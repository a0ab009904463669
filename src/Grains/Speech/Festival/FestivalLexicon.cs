using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Lector.Grains.Lexicon;

namespace Lector.Grains.Speech.Festival;

/// <summary>
/// Pronunciations as Festival takes them: entries added to the voice's lexicon for the run (<c>lex.add.entry</c>), in
/// the radio phone set of Festival's US English voices, syllabified by Festival itself from the phones and their
/// stress. Festival looks words up without regard to case and cannot hold an entry of several words, so a pronounced
/// word is given to Festival only when it is one word (ASCII letters and apostrophes once folded) and every occurrence
/// of it in the run is pronounced the same; any other is read as written. IPA symbols English lacks become the nearest
/// English phone.
/// </summary>
internal static partial class FestivalLexicon
{
    /// <summary>Each symbol <see cref="IpaPhonemes"/> accepts -> radio phones; vowels take the stress of their syllable.</summary>
    private static readonly FrozenDictionary<string, string> Phones = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tʃ"] = "ch", ["dʒ"] = "jh", ["ts"] = "t s", ["dz"] = "d z",
        ["eɪ"] = "ey", ["aɪ"] = "ay", ["ɔɪ"] = "oy", ["aʊ"] = "aw", ["oʊ"] = "ow", ["əʊ"] = "ow",
        ["ɪə"] = "ih r", ["ɛə"] = "eh r", ["ʊə"] = "uh r",
        ["p"] = "p", ["b"] = "b", ["t"] = "t", ["d"] = "d", ["k"] = "k", ["g"] = "g", ["ɡ"] = "g", ["ʔ"] = "",
        ["m"] = "m", ["n"] = "n", ["ɲ"] = "n y", ["ŋ"] = "ng", ["ɱ"] = "m",
        ["f"] = "f", ["v"] = "v", ["θ"] = "th", ["ð"] = "dh", ["s"] = "s", ["z"] = "z", ["ʃ"] = "sh", ["ʒ"] = "zh",
        ["ç"] = "hh", ["x"] = "k", ["χ"] = "k", ["ɣ"] = "g", ["h"] = "hh", ["ɦ"] = "hh", ["β"] = "b", ["ɸ"] = "f",
        ["l"] = "l", ["ɫ"] = "l", ["ʎ"] = "l y", ["r"] = "r", ["ɹ"] = "r", ["ɾ"] = "d", ["ʁ"] = "r", ["ʀ"] = "r",
        ["j"] = "y", ["ʝ"] = "y", ["w"] = "w", ["ɥ"] = "w", ["ʋ"] = "v",
        ["i"] = "iy", ["ɪ"] = "ih", ["e"] = "ey", ["ɛ"] = "eh", ["æ"] = "ae", ["a"] = "aa", ["ɐ"] = "ah", ["ɑ"] = "aa",
        ["ɒ"] = "aa", ["ɔ"] = "ao", ["o"] = "ow", ["ʊ"] = "uh", ["u"] = "uw", ["ʌ"] = "ah", ["ə"] = "ax", ["ɚ"] = "er",
        ["ɜ"] = "er", ["ɝ"] = "er", ["y"] = "uw", ["ʏ"] = "uh", ["ø"] = "er", ["œ"] = "er", ["ɨ"] = "ih", ["ʉ"] = "uw",
        ["ɯ"] = "uw", ["ɤ"] = "ow",
        ["ˈ"] = "1", ["ˌ"] = "2", ["ː"] = "", ["ˑ"] = "", ["\u0303"] = "", [" "] = "", ["."] = "",
        ["\u0361"] = "", ["\u035C"] = "", ["ʰ"] = "", ["ʲ"] = "", ["ʷ"] = "", ["\u0329"] = "", ["\u032F"] = "",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Vowels = new[] { "iy", "ih", "ey", "eh", "ae", "aa", "ah", "ao", "ow", "uh", "uw", "ax", "er", "ay", "oy", "aw" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The Scheme forms that add the run's pronounced words to the voice's lexicon; empty when none can be given.
    /// <paramref name="folded"/> is the run's text as Festival reads it (<see cref="FestivalText.Fold(string)"/>).
    /// </summary>
    public static string EntriesFor(SpeechText part, string folded)
    {
        var entries = new StringBuilder();
        foreach (var word in part.Pronunciations.GroupBy(p => folded.Substring(p.Start, p.Length).ToLowerInvariant()))
        {
            var ipa = word.First().Ipa;
            if (!Word().IsMatch(word.Key) || word.Any(p => p.Ipa != ipa) || Occurrences(folded, word.Key) != word.Count()
                || PhonesOf(ipa) is not { Count: > 0 } phones)
            {
                continue;
            }

            entries.Append("(lex.add.entry (list \"").Append(word.Key).Append("\" nil (lex.syllabify.phstress '(")
                .Append(string.Join(' ', phones)).Append("))))\n");
        }

        return entries.ToString();
    }

    /// <summary>Radio phones with a stress digit on each vowel (1 primary, 2 secondary, 0 none); null when a symbol is not accepted IPA.</summary>
    internal static List<string>? PhonesOf(string ipa)
    {
        if (IpaPhonemes.Symbols(ipa) is not { } symbols)
        {
            return null;
        }

        var phones = new List<string>();
        var stress = "0";
        foreach (var mapped in symbols.Select(symbol => Phones[symbol]))
        {
            if (mapped is "1" or "2")
            {
                stress = mapped;
                continue;
            }

            foreach (var phone in mapped.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var vowel = Vowels.Contains(phone);
                phones.Add(vowel ? phone + stress : phone);
                stress = vowel ? "0" : stress;
            }
        }

        return phones.Any(p => char.IsAsciiDigit(p[^1])) ? phones : null;
    }

    /// <summary>Whether every IPA symbol a lexicon accepts has a phone here.</summary>
    internal static bool CoversAcceptedIpa => IpaPhonemes.Accepted.All(Phones.ContainsKey);

    /// <summary>Whole-word occurrences of <paramref name="word"/> (lower case) in the folded text, case ignored as Festival does.</summary>
    private static int Occurrences(string folded, string word) =>
        PronunciationLexicon.Of([word]).Find(folded.ToLowerInvariant()).Count();

    [GeneratedRegex("^[a-z]+('[a-z]+)?$")]
    private static partial Regex Word();
}
