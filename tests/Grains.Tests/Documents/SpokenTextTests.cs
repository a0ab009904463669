using Lector.Grains.Documents;

namespace Lector.Grains.Tests.Documents;

public sealed class SpokenTextTests
{
    [Theory]
    [InlineData("Heading\n\nBody text.", "Heading.\n\nBody text.")]
    [InlineData("Name\nAge\n\nAda\n36", "Name.\nAge.\n\nAda.\n36")]
    [InlineData("Done!\n\n“Quoted.”\n\nOptions:\n\nLast line", "Done!\n\n“Quoted.”\n\nOptions:\n\nLast line")]
    [InlineData("Trailing spaces   \n\n  indented", "Trailing spaces.   \n\n  indented")]
    [InlineData("One paragraph only", "One paragraph only")]
    [InlineData("", "")]
    public void Every_line_followed_by_another_ends_a_sentence(string page, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(page).Text);

    [Fact]
    public void Offsets_in_the_spoken_text_map_back_to_the_page()
    {
        const string page = "Title\n\nFirst item\n\nSecond item";
        var spoken = SpokenText.Of(page);

        foreach (var word in new[] { "Title", "First", "item", "Second" })
        {
            var at = spoken.Text.IndexOf(word, StringComparison.Ordinal);
            Assert.Equal(word, page[spoken.PageOffset(at)..spoken.PageOffset(at + word.Length)]);
        }

        Assert.Equal(page.IndexOf("item", StringComparison.Ordinal) + 4, spoken.PageOffset(spoken.Text.IndexOf("item.", StringComparison.Ordinal) + 5));
    }

    [Theory]
    [InlineData(" \n\n ", false)]
    [InlineData("- . -", false)]
    [InlineData("iv", true)]
    [InlineData("42", true)]
    public void Words_are_letters_or_digits(string page, bool hasWords) => Assert.Equal(hasWords, SpokenText.Of(page).HasWords);
}
