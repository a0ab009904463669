using Lector.Grains.Speech;
using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech;

/// <summary>Positions in normalized speech map back to the words they came from, so speech marks highlight the page text.</summary>
public sealed class TextAlignmentTests
{
    private readonly SpeechNormalizer _normalizer = new();

    [Fact]
    public void Kept_words_map_exactly_and_rewritten_ones_onto_what_they_replaced()
    {
        const string original = "Dr. Smith paid $5 on 3 May, see www.example.com/docs for more.";
        var speech = _normalizer.Normalize(original, "en");
        var alignment = TextAlignment.Between(original, speech);

        Assert.NotEqual(original, speech);
        foreach (var word in new[] { "Smith", "paid", "see", "for", "more" })
        {
            Assert.Equal(original.IndexOf(word, StringComparison.Ordinal), alignment.OriginalOffset(speech.IndexOf(word, StringComparison.Ordinal)));
        }

        // "Doctor" stands where "Dr." stood.
        Assert.InRange(alignment.OriginalOffset(speech.IndexOf("Doctor", StringComparison.Ordinal) + 3), 0, original.IndexOf(' '));
        Assert.Equal(original.Length, alignment.OriginalOffset(speech.Length));
    }

    [Fact]
    public void The_map_never_goes_backwards_and_an_unchanged_text_maps_to_itself()
    {
        const string text = "Version 3.12 costs 1,234.50 euros (C) 2001-2022 Free Software Foundation, Inc.\n\nNext paragraph.";
        var speech = _normalizer.Normalize(text, "en");
        var alignment = TextAlignment.Between(text, speech);
        var mapped = Enumerable.Range(0, speech.Length + 1).Select(alignment.OriginalOffset).ToList();
        Assert.Equal(mapped.Order(), mapped);
        Assert.All(mapped, offset => Assert.InRange(offset, 0, text.Length));

        var identity = TextAlignment.Between(text, text);
        Assert.All(Enumerable.Range(0, text.Length + 1), i => Assert.Equal(i, identity.OriginalOffset(i)));
    }

    [Fact]
    public void A_page_is_spoken_normalized_in_its_language_and_marks_land_on_the_page_text()
    {
        const string page = "Contents\nThe price was $5.\nDr. Smith agreed";
        var speech = PageSpeech.Of(page, "en", _normalizer);

        Assert.Contains("Contents.", speech.Text, StringComparison.Ordinal);
        Assert.Contains("Doctor Smith agreed", speech.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("$", speech.Text, StringComparison.Ordinal);
        Assert.Equal(page.IndexOf("price", StringComparison.Ordinal), speech.PageOffset(speech.Text.IndexOf("price", StringComparison.Ordinal)));
        Assert.Equal(page.IndexOf("agreed", StringComparison.Ordinal), speech.PageOffset(speech.Text.IndexOf("agreed", StringComparison.Ordinal)));
        Assert.Equal(page.Length, speech.PageOffset(speech.Text.Length));
    }
}
