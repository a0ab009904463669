using System.Text;
using Lector.Abstractions;
using Lector.Abstractions.Lexicon;

namespace Lector.Grains.Lexicon;

/// <summary>
/// What a lexicon may hold. Graphemes are words as a page writes them: letters, digits and combining marks, with
/// apostrophes, hyphens, full stops, ampersands and single spaces between; they start with a letter or digit. An
/// alias is words to say instead, of the same characters and commas. A phoneme is IPA (<see cref="IpaPhonemes"/>).
/// Lengths stay within what Polly takes for one replacement (100 characters); no characters that mean markup or
/// phoneme input to an engine (<c>&lt; &gt; [ ]</c>) are accepted, so an entry never changes how the rest of a page is read.
/// </summary>
public static class LexiconRules
{
    public const int MaxEntries = 200;
    public const int MaxGraphemeLength = 60;
    public const int MaxReplacementLength = 100;

    /// <summary>
    /// The entries as stored (trimmed, NFC), or a <see cref="LectorException"/> naming every refused field as
    /// <c>[index].grapheme</c>, <c>[index].alias</c>, <c>[index].phoneme</c> (or <c>entries</c>) with its code.
    /// </summary>
    public static IReadOnlyList<LexiconEntry> Validate(IReadOnlyList<LexiconEntry?>? entries)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (entries is null)
        {
            throw LectorException.Invalid("entries", "lexicon.required");
        }

        if (entries.Count > MaxEntries)
        {
            throw LectorException.Invalid("entries", "lexicon.too_many_entries");
        }

        var valid = new List<LexiconEntry>(entries.Count);
        var graphemes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var grapheme = Clean(entry?.Grapheme);
            var alias = Clean(entry?.Alias);
            var phoneme = Clean(entry?.Phoneme);
            void Refuse(string field, string code) => errors[$"[{i}].{field}"] = [code];

            if (grapheme.Length == 0)
            {
                Refuse("grapheme", "lexicon.grapheme_required");
            }
            else if (grapheme.Length > MaxGraphemeLength)
            {
                Refuse("grapheme", "lexicon.grapheme_too_long");
            }
            else if (!IsWords(grapheme, allowCommas: false))
            {
                Refuse("grapheme", "lexicon.grapheme_invalid");
            }
            else if (!graphemes.Add(grapheme))
            {
                Refuse("grapheme", "lexicon.grapheme_duplicate");
            }

            if ((alias.Length == 0) == (phoneme.Length == 0))
            {
                Refuse(alias.Length == 0 ? "alias" : "phoneme", "lexicon.alias_or_phoneme");
            }
            else if (alias.Length > MaxReplacementLength)
            {
                Refuse("alias", "lexicon.alias_too_long");
            }
            else if (alias.Length > 0 && !IsWords(alias, allowCommas: true))
            {
                Refuse("alias", "lexicon.alias_invalid");
            }
            else if (phoneme.Length > MaxReplacementLength)
            {
                Refuse("phoneme", "lexicon.phoneme_too_long");
            }
            else if (phoneme.Length > 0 && !IpaPhonemes.IsValid(phoneme))
            {
                Refuse("phoneme", "lexicon.phoneme_invalid");
            }

            valid.Add(new LexiconEntry(grapheme, alias.Length > 0 ? alias : null, phoneme.Length > 0 ? phoneme : null));
        }

        return errors.Count > 0 ? throw LectorException.Invalid(errors) : valid;
    }

    /// <summary>Trimmed and composed (NFC), so the same word typed two ways is one grapheme; runs of spaces become one.</summary>
    private static string Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var text = value.Trim();
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            try
            {
                text = text.Normalize(NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                // Unpaired surrogates: left as they are, and refused as characters below.
            }
        }

        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool IsWords(string text, bool allowCommas) =>
        char.IsLetterOrDigit(text[0])
        && text.All(c => PronunciationLexicon.IsWordCharacter(c) || c is '\'' or '’' or '-' or '.' or '&' or ' ' || (allowCommas && c == ','));
}
