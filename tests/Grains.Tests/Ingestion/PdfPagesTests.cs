using Lector.Abstractions.Documents;
using Lector.Grains.Documents;
using Text = Lector.Testing.TestPdf.Text;

namespace Lector.Grains.Tests.Ingestion;

/// <summary>
/// A small typeset book written object by object: roman-numbered front matter with a dotted table of contents and a
/// blank page, two chapters with running headers that name them, page-number footers, an outline, ligature glyphs,
/// a word hyphenated across lines, a bulleted list and a table.
/// </summary>
public sealed class PdfPagesTests
{
    private static readonly Lazy<PaginatedDocument> Book = new(() => TestFiles.Read(BookPdf(), maxCharacters: 100));

    private static IReadOnlyList<PageContent> Pages => Book.Value.Pages;

    [Fact]
    public void Every_pdf_page_is_one_page_with_its_printed_label_blank_ones_too()
    {
        Assert.Equal(Enumerable.Range(1, 10), Pages.Select(p => p.Number));
        Assert.Equal(["i", "ii", "1", "2", "3", "4", "5", "6", "7", "8"], Pages.Select(p => p.Label));
        Assert.Equal("", Pages[1].Text);
        Assert.Contains(Pages, p => p.CharCount > 100);
    }

    [Fact]
    public void Running_headers_footers_and_page_numbers_are_not_in_the_text()
    {
        Assert.All(Pages, p => Assert.DoesNotContain("Chapter 1: Beginnings", p.Text, StringComparison.Ordinal));
        Assert.All(Pages, p => Assert.DoesNotContain("Chapter 2: Endings", p.Text, StringComparison.Ordinal));
        Assert.All(Pages, p => Assert.DoesNotContain("Page ", p.Text, StringComparison.Ordinal));
        Assert.Equal("Chapter 1 Beginnings", Pages[2].Text.Split("\n\n")[0]);
        Assert.All(Pages.Skip(3).Where(p => p.Number != 7), p => Assert.StartsWith($"This is page {p.Label} of the book", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_chapters_header_on_two_pages_in_the_same_place_is_furniture_but_headings_and_text_are_not()
    {
        var pdf = new TestPdf();
        for (var page = 1; page <= 8; page++)
        {
            var header = page is 2 or 3 ? "Chapter 1: Short" : page is 5 or 6 or 7 ? "Chapter 2: Longer one" : null;
            pdf.Page(
            [
                .. header is null ? Array.Empty<Text>() : [new Text($"{header}        {page}", 72, 50)],
                new Text(page is 1 or 4 ? "Chapter Title" : $"Words of page {page}.", 72, page is 1 or 4 ? 60 : 80, page is 1 or 4 ? 20 : 11),
                new Text($"Body text on page {page} that is long enough to be the body of the document.", 72, 300),
                .. page is 2 or 3 ? [new Text("The same closing words.", 72, 730 + page)] : Array.Empty<Text>(),
            ]);
        }

        var pages = TestFiles.Read(pdf.ToBytes()).Pages;

        Assert.All(pages, p => Assert.DoesNotContain("Chapter 1: Short", p.Text, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.DoesNotContain("Chapter 2: Longer one", p.Text, StringComparison.Ordinal));
        Assert.All(pages.Where(p => p.Number is 1 or 4), p => Assert.StartsWith("Chapter Title", p.Text, StringComparison.Ordinal));
        Assert.All(pages.Where(p => p.Number is 2 or 3), p => Assert.EndsWith("The same closing words.", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Contents_entries_are_said_as_title_and_page_without_their_leaders()
    {
        Assert.Equal("Contents\n\n1 Beginnings, 1\n\n1.1 First steps, 2\n\n2 Endings, 5\n\n2.1 Last steps, 6\n\nIndex, 9", Pages[0].Text);
        Assert.Equal("Contents.\n\n1 Beginnings, 1.\n\n1.1 First steps, 2.\n\n2 Endings, 5.\n\n2.1 Last steps, 6.\n\nIndex, 9", SpokenText.Of(Pages[0].Text).Text);
        Assert.All(Pages, p => Assert.DoesNotContain("..", p.Text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public void Ligatures_are_expanded_and_words_hyphenated_across_lines_made_whole()
    {
        Assert.Contains("The first chapter begins here, and the implementation of the flow continues on this line.", Pages[2].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Pages, p => p.Text.Any(c => c is >= '\uFB00' and <= '\uFB06'));
    }

    [Fact]
    public void Headings_list_items_and_table_cells_end_their_own_sentences()
    {
        var spoken = SpokenText.Of(Pages[2].Text).Text;
        Assert.StartsWith("Chapter 1 Beginnings.\n\nThe first chapter", spoken, StringComparison.Ordinal);
        Assert.EndsWith("\n\napples and pears.\n\nplums", spoken, StringComparison.Ordinal);
        Assert.Contains("<h2>Chapter 1 Beginnings</h2>", Pages[2].Html, StringComparison.Ordinal);
        Assert.EndsWith("Name.\nAge.\n\nAda.\n36", SpokenText.Of(Pages[3].Text).Text, StringComparison.Ordinal);
        Assert.Contains("<td>Ada</td>", Pages[3].Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Chapters_come_from_the_outline_top_level()
    {
        Assert.Equal(
            [new Chapter(1, "Contents", 1, 2), new Chapter(2, "Chapter 1: Beginnings", 3, 6), new Chapter(3, "Chapter 2: Endings", 7, 10)],
            Book.Value.Chapters);
    }

    [Fact]
    public void Tagged_artifacts_are_not_read_and_labels_may_have_prefixes_and_start_values()
    {
        var pdf = new TestPdf()
            .Page(new Text("Draft, do not cite", 72, 300, Artifact: true), new Text("The only words that count.", 72, 320))
            .Lines(120, "A second page.")
            .Labels(1, "D", prefix: "A-", start: 7)
            .Labels(2, "A")
            .ToBytes();

        var pages = TestFiles.Read(pdf).Pages;

        Assert.Equal(["The only words that count.", "A second page."], pages.Select(p => p.Text));
        Assert.Equal(["A-7", "A"], pages.Select(p => p.Label));
        Assert.Empty(TestFiles.Read(pdf).Chapters);
    }

    private static byte[] BookPdf()
    {
        var pdf = new TestPdf()
            .Page(
                new Text("Contents", 72, 110, 18, Bold: true),
                new Text("1  Beginnings . . . . . . . . . . . . . . . . . . . . . . . . . 1", 72, 150),
                new Text("1.1  First steps . . . . . . . . . . . . . . . . . . . . . . . . 2", 72, 164),
                new Text("2  Endings . . . . . . . . . . . . . . . . . . . . . . . . . . 5", 72, 178),
                new Text("2.1  Last steps . . . . . . . . . . . . . . . . . . .", 72, 192),
                new Text("6", 520, 192),
                new Text("Index ......................................................... 9", 72, 206),
                new Text("i", 300, 750))
            .Page()
            .Labels(1, "r")
            .Labels(3, "D");
        for (var label = 1; label <= 8; label++)
        {
            var chapter = label <= 4 ? "Chapter 1: Beginnings" : "Chapter 2: Endings";
            var texts = new List<Text>();
            if (label is 1 or 5)
            {
                texts.Add(new Text(label == 1 ? "Chapter 1" : "Chapter 2", 72, 130, 20, Bold: true));
                texts.Add(new Text(label == 1 ? "Beginnings" : "Endings", 72, 155, 20, Bold: true));
            }
            else
            {
                texts.Add(new Text($"{label}      {chapter}", 72, 50));
                texts.Add(new Text($"This is page {label} of the book, and it says something of its own.", 72, 130));
            }

            texts.AddRange(Body(label));
            texts.Add(new Text($"Page {label}", 290, 750));
            pdf.Page([.. texts]);
        }

        return pdf
            .Bookmark("Contents", 1)
            .Bookmark("Chapter 1: Beginnings", 3)
            .Bookmark("First steps", 4, level: 2)
            .Bookmark("Chapter 2: Endings", 7)
            .Bookmark("Last steps", 8, level: 2)
            .ToBytes();
    }

    private static IEnumerable<Text> Body(int label)
    {
        string[] lines = label == 1
            ? ["The \uFB01rst chapter begins here, and the imple-", "mentation of the \uFB02ow continues on this line.", "A second sentence ends the paragraph."]
            : [$"The text of page {label} goes on with a paragraph long enough", "to run over two lines of the page before it ends."];
        var y = 200.0;
        foreach (var line in lines)
        {
            yield return new Text(line, 72, y);
            y += 14;
        }

        if (label == 1)
        {
            yield return new Text("• apples and pears", 90, y + 10);
            yield return new Text("• plums", 90, y + 24);
        }

        if (label == 2)
        {
            yield return new Text("Name", 72, y + 10);
            yield return new Text("Age", 300, y + 10);
            yield return new Text("Ada", 72, y + 24);
            yield return new Text("36", 300, y + 24);
        }
    }
}
