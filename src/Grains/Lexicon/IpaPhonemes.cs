using System.Collections.Frozen;
using System.Text;

namespace Lector.Grains.Lexicon;

/// <summary>
/// The IPA a lexicon accepts, and how espeak-ng is told it. The accepted symbols are exactly those this table maps to
/// espeak-ng's phoneme mnemonics (its <c>[[...]]</c> input): the consonants and vowels of English, Spanish, French,
/// German, Italian and Portuguese, common diphthongs and affricates, stress and length marks, syllable dots and
/// spaces. A phoneme with any other symbol is refused when the lexicon is saved, so every accepted entry reaches every
/// engine. Tie bars and the aspiration, palatalization and labialization marks are accepted and dropped for espeak-ng.
/// </summary>
public static class IpaPhonemes
{
    /// <summary>IPA (one symbol or a fixed pair) -> espeak-ng mnemonic; longest match first.</summary>
    private static readonly FrozenDictionary<string, string> Espeak = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Affricates and diphthongs first (matched as pairs).
        ["tʃ"] = "tS", ["dʒ"] = "dZ", ["ts"] = "ts", ["dz"] = "dz",
        ["eɪ"] = "eI", ["aɪ"] = "aI", ["ɔɪ"] = "OI", ["aʊ"] = "aU", ["oʊ"] = "oU", ["əʊ"] = "@U",
        ["ɪə"] = "i@", ["ɛə"] = "e@", ["ʊə"] = "U@",

        // Consonants.
        ["p"] = "p", ["b"] = "b", ["t"] = "t", ["d"] = "d", ["k"] = "k", ["g"] = "g", ["ɡ"] = "g", ["ʔ"] = "?",
        ["m"] = "m", ["n"] = "n", ["ɲ"] = "n^", ["ŋ"] = "N", ["ɱ"] = "m",
        ["f"] = "f", ["v"] = "v", ["θ"] = "T", ["ð"] = "D", ["s"] = "s", ["z"] = "z", ["ʃ"] = "S", ["ʒ"] = "Z",
        ["ç"] = "C", ["x"] = "x", ["χ"] = "x", ["ɣ"] = "Q", ["h"] = "h", ["ɦ"] = "h", ["β"] = "B", ["ɸ"] = "f",
        ["l"] = "l", ["ɫ"] = "l", ["ʎ"] = "l^", ["r"] = "r", ["ɹ"] = "r", ["ɾ"] = "*", ["ʁ"] = "R", ["ʀ"] = "R",
        ["j"] = "j", ["ʝ"] = "j", ["w"] = "w", ["ɥ"] = "j", ["ʋ"] = "v",

        // Vowels.
        ["i"] = "i", ["ɪ"] = "I", ["e"] = "e", ["ɛ"] = "E", ["æ"] = "a", ["a"] = "a", ["ɐ"] = "a#", ["ɑ"] = "A",
        ["ɒ"] = "0", ["ɔ"] = "O", ["o"] = "o", ["ʊ"] = "U", ["u"] = "u", ["ʌ"] = "V", ["ə"] = "@", ["ɚ"] = "3",
        ["ɜ"] = "3", ["ɝ"] = "3", ["y"] = "y", ["ʏ"] = "y", ["ø"] = "Y", ["œ"] = "W", ["ɨ"] = "i", ["ʉ"] = "u",
        ["ɯ"] = "u", ["ɤ"] = "o",

        // Stress, length, nasality, syllables and words.
        ["ˈ"] = "'", ["ˌ"] = ",", ["ː"] = ":", ["ˑ"] = "", ["\u0303"] = "~", [" "] = " ", ["."] = "",
        ["\u0361"] = "", ["\u035C"] = "", ["ʰ"] = "", ["ʲ"] = "", ["ʷ"] = "", ["\u0329"] = "", ["\u032F"] = "",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly int LongestSymbol = Espeak.Keys.Max(k => k.Length);

    /// <summary>Symbols a phoneme must contain at least one of: a sound, not only marks.</summary>
    private static readonly FrozenSet<string> Marks = new[] { "ˈ", "ˌ", "ː", "ˑ", "\u0303", " ", ".", "\u0361", "\u035C", "ʰ", "ʲ", "ʷ", "\u0329", "\u032F" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="ipa"/> (NFC) is made only of accepted symbols and has at least one sound.</summary>
    public static bool IsValid(string ipa) => Symbols(ipa) is { } symbols && symbols.Any(s => !Marks.Contains(s));

    /// <summary>espeak-ng's phoneme mnemonics for accepted IPA, words apart by spaces.</summary>
    public static string ToEspeak(string ipa)
    {
        var mnemonics = new StringBuilder();
        foreach (var symbol in Symbols(ipa) ?? [])
        {
            mnemonics.Append(Espeak[symbol]);
        }

        return mnemonics.ToString().Trim();
    }

    /// <summary>Every accepted symbol (single characters and fixed pairs), for engines that map them their own way.</summary>
    public static IEnumerable<string> Accepted => Espeak.Keys;

    /// <summary>The symbols of <paramref name="ipa"/>, longest match first; null when one is not accepted.</summary>
    public static List<string>? Symbols(string ipa)
    {
        var symbols = new List<string>();
        for (var i = 0; i < ipa.Length;)
        {
            var length = Math.Min(LongestSymbol, ipa.Length - i);
            while (length > 0 && !Espeak.ContainsKey(ipa.Substring(i, length)))
            {
                length--;
            }

            if (length == 0)
            {
                return null;
            }

            symbols.Add(ipa.Substring(i, length));
            i += length;
        }

        return symbols;
    }
}
