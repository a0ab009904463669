using Lector.Grains.Documents;
using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Speech;

/// <summary>
/// Exactly what an engine is sent for a page: its <see cref="SpokenText"/> (each line its own sentence) normalized for
/// the ear in the document's language, with positions in it (speech marks) mapped back to the page text.
/// </summary>
public sealed class PageSpeech
{
    private readonly SpokenText _spoken;

    /// <summary>Only a rendering maps marks back; a page shown to a reader needs the text alone.</summary>
    private readonly Lazy<TextAlignment> _alignment;

    private PageSpeech(SpokenText spoken, string text)
    {
        _spoken = spoken;
        Text = text;
        _alignment = new(() => TextAlignment.Between(spoken.Text, text));
    }

    public string Text { get; }

    /// <summary>True when there is anything to say: a letter or a digit.</summary>
    public bool HasWords => Text.Any(char.IsLetterOrDigit);

    public static PageSpeech Of(string pageText, string? language, ISpeechNormalizer normalizer)
    {
        var spoken = SpokenText.Of(pageText);
        return new PageSpeech(spoken, normalizer.Normalize(spoken.Text, language));
    }

    /// <summary>The offset in the page text of an offset in <see cref="Text"/>.</summary>
    public int PageOffset(int speechOffset) => _spoken.PageOffset(_alignment.Value.OriginalOffset(speechOffset));
}
