using System.Security.Cryptography;
using System.Text;
using Lector.Abstractions.Lexicon;
using Lector.Grains.Documents;
using Lector.Grains.Lexicon;
using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Speech;

/// <summary>
/// Exactly what an engine is sent for a page: its <see cref="SpokenText"/> (each line its own sentence) with the owner's
/// lexicon applied, normalized for the ear in the document's language, with positions in it (speech marks) mapped back
/// to the page text. A lexicon alias replaces its grapheme before normalization (so "3M" in an alias is read as people
/// say it); a grapheme with a phoneme is kept out of normalization's reach and stays in the text as written, with its
/// IPA beside it (<see cref="SpeechText.Pronunciations"/>) for the engine.
/// </summary>
public sealed class PageSpeech
{
    /// <summary>Stands for a grapheme with a phoneme while the text is normalized; the next character says which entry.</summary>
    private const char PronunciationMark = '\uE83A';
    private const char FirstEntryMark = '\uE900';

    private readonly SpokenText _spoken;

    /// <summary>Only a rendering maps marks back; a page shown to a reader needs the text alone.</summary>
    private readonly Lazy<TextAlignment> _alignment;

    private PageSpeech(SpokenText spoken, SpeechText speech)
    {
        _spoken = spoken;
        Speech = speech;
        _alignment = new(() => TextAlignment.Between(spoken.Text, speech.Text));
    }

    public string Text => Speech.Text;

    /// <summary>The text and the pronunciations an engine is given.</summary>
    public SpeechText Speech { get; }

    /// <summary>True when there is anything to say: a letter or a digit.</summary>
    public bool HasWords => Text.Any(char.IsLetterOrDigit);

    /// <summary>Changes whenever what the engine is sent changes: the text, or a pronunciation in it.</summary>
    public string Fingerprint
    {
        get
        {
            var sent = new StringBuilder(Text);
            foreach (var p in Speech.Pronunciations)
            {
                sent.Append('\0').Append(p.Start).Append(' ').Append(p.Length).Append(' ').Append(p.Ipa);
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sent.ToString())));
        }
    }

    public static PageSpeech Of(string pageText, string? language, ISpeechNormalizer normalizer, PronunciationLexicon? lexicon = null)
    {
        var spoken = SpokenText.Of(pageText);
        lexicon ??= PronunciationLexicon.Empty;
        var (marked, pronounced) = Mark(spoken.Text, lexicon);
        return new PageSpeech(spoken, Restore(normalizer.Normalize(marked, language), pronounced));
    }

    /// <summary>The offset in the page text of an offset in <see cref="Text"/>.</summary>
    public int PageOffset(int speechOffset) => _spoken.PageOffset(_alignment.Value.OriginalOffset(speechOffset));

    /// <summary>Aliases in place of their graphemes; graphemes with a phoneme as marks naming their entry in the list returned.</summary>
    private static (string Text, List<LexiconEntry> Pronounced) Mark(string text, PronunciationLexicon lexicon)
    {
        var pronounced = new List<LexiconEntry>();
        if (lexicon.IsEmpty)
        {
            return (text, pronounced);
        }

        // A page that holds the mark itself (a private-use glyph) keeps its phoneme graphemes as written.
        var markable = !text.Contains(PronunciationMark, StringComparison.Ordinal);
        var marked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, entry) in lexicon.Find(text))
        {
            if (entry.Alias is null && !markable)
            {
                continue;
            }

            marked.Append(text, at, start - at);
            if (entry.Alias is { } alias)
            {
                marked.Append(alias);
            }
            else
            {
                var index = pronounced.IndexOf(entry);
                if (index < 0)
                {
                    index = pronounced.Count;
                    pronounced.Add(entry);
                }

                marked.Append(PronunciationMark).Append((char)(FirstEntryMark + index));
            }

            at = start + entry.Grapheme.Length;
        }

        return (marked.Append(text, at, text.Length - at).ToString(), pronounced);
    }

    /// <summary>The normalized text with each mark back to its grapheme, and where those graphemes now are.</summary>
    private static SpeechText Restore(string normalized, List<LexiconEntry> pronounced)
    {
        if (pronounced.Count == 0)
        {
            return normalized;
        }

        var text = new StringBuilder(normalized.Length);
        var pronunciations = new List<Pronunciation>();
        for (var i = 0; i < normalized.Length; i++)
        {
            var index = i + 1 < normalized.Length ? normalized[i + 1] - FirstEntryMark : -1;
            if (normalized[i] == PronunciationMark && index >= 0 && index < pronounced.Count)
            {
                var entry = pronounced[index];
                pronunciations.Add(new Pronunciation(text.Length, entry.Grapheme.Length, entry.Phoneme!));
                text.Append(entry.Grapheme);
                i++;
            }
            else
            {
                text.Append(normalized[i]);
            }
        }

        return new SpeechText(text.ToString(), pronunciations);
    }
}
