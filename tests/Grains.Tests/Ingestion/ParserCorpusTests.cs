using Lector.Grains.Ingestion;

namespace Lector.Grains.Tests.Ingestion;

public sealed class ParserCorpusTests
{
    private static readonly string[] Reference = Corpus.Words(System.Text.Encoding.UTF8.GetString(Corpus.Read("gpl3.md")));

    [Theory]
    [InlineData("gpl3.pdf", "pdf")]
    [InlineData("gpl3.docx", "docx")]
    [InlineData("gpl3.epub", "epub")]
    [InlineData("gpl3.html", "html")]
    [InlineData("gpl3.md", "markdown")]
    public void Format_is_detected_from_content(string file, string sourceType) =>
        Assert.Equal(sourceType, DocumentIngestion.Detect(new UploadContent(Corpus.Read(file))).SourceType);

    [Theory]
    [InlineData("gpl3.docx")]
    [InlineData("gpl3.epub")]
    [InlineData("gpl3.html")]
    [InlineData("gpl3.md")]
    public void Structured_formats_give_the_nineteen_titled_sections_in_order(string file)
    {
        var titles = new List<string>();
        foreach (var page in Corpus.Pages(file))
        {
            if (titles.Count == 0 || titles[^1] != page.Title)
            {
                titles.Add(page.Title ?? "");
            }
        }

        var expected = Corpus.MarkdownHeadings().Select(Normalize).ToList();
        Assert.Equal(19, expected.Count);
        var actual = titles.Select(Normalize).ToList();

        // Text before the first heading (a title page) may form one more section.
        Assert.InRange(actual.Count, 19, 20);
        Assert.Equal(expected, actual.Skip(actual.Count - 19));
    }

    [Theory]
    [InlineData("gpl3.pdf")]
    [InlineData("gpl3.docx")]
    [InlineData("gpl3.epub")]
    [InlineData("gpl3.html")]
    [InlineData("gpl3.md")]
    public void Every_format_has_the_markdown_sources_words_in_order(string file)
    {
        var pages = Corpus.Pages(file);
        var words = Corpus.Words(string.Join("\n", pages.Select(p => p.Text)));

        Assert.True(Corpus.InOrderShare(Reference, words) >= 0.98, $"{Corpus.InOrderShare(Reference, words):P1} of the words in order");

        // Nothing but the document: extra words (headers, chrome) are few too.
        Assert.InRange(words.Length, Reference.Length * 0.98, Reference.Length * 1.02);
    }

    [Fact]
    public void Pdf_gives_one_page_per_pdf_page_whatever_the_page_limit_without_running_headers_or_footers()
    {
        var pages = Corpus.Pages("gpl3.pdf", maxCharacters: 1500);

        Assert.Equal(16, pages.Count);
        Assert.Contains(pages, p => p.CharCount > 1500);
        Assert.All(pages, p => Assert.StartsWith("<", p.Html, StringComparison.Ordinal));
        var edgeLines = pages
            .SelectMany(p => new[] { p.Text.Split('\n')[0], p.Text.Split('\n')[^1] })
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.ToLowerInvariant(), @"\d+", "#"));
        Assert.All(edgeLines.CountBy(l => l), pair => Assert.True(pair.Value <= 2, $"'{pair.Key}' repeats on {pair.Value} pages"));
        Assert.DoesNotContain(pages, p => p.Text.Contains("file://", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_undoes_line_end_hyphenation_and_keeps_paragraphs_in_reading_order()
    {
        var text = string.Join("\n", Corpus.Pages("gpl3.pdf").Select(p => p.Text));

        Assert.Contains("The GNU General Public License is a free, copyleft license for software and other kinds of works.", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Preamble", StringComparison.Ordinal) < text.IndexOf("0. Definitions.", StringComparison.Ordinal));
        Assert.True(text.IndexOf("16. Limitation of Liability.", StringComparison.Ordinal) < text.IndexOf("17. Interpretation of Sections 15 and 16.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gpl3.docx")]
    [InlineData("gpl3.epub")]
    [InlineData("gpl3.html")]
    [InlineData("gpl3.md")]
    public void Pages_of_formats_without_pages_respect_the_limit_and_carry_sanitized_html(string file)
    {
        var pages = Corpus.Pages(file, maxCharacters: 1500);

        Assert.All(pages, p => Assert.InRange(p.CharCount, 1, 1500));
        Assert.Equal(Enumerable.Range(1, pages.Count), pages.Select(p => p.Number));
        Assert.All(pages, p => Assert.StartsWith("<", p.Html, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.DoesNotContain("<script", p.Html, StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string title) => string.Join(' ', Corpus.Words(title));
}
