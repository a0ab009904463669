using Lector.Grains.Ingestion;

namespace Lector.Grains.Tests.Ingestion;

public sealed class ParserBehaviourTests
{
    [Fact]
    public void Pdf_drops_running_headers_footers_and_page_numbers_and_rejoins_hyphenated_words()
    {
        string[] body(int n) => [$"Chapter {n} begins here and the imple-", "mentation continues on the next line.", "A third-party tool stays hyphen-", "ated only where the text says so."];
        var pdf = TestFiles.Pdf([.. Enumerable.Range(1, 4).Select(body)], header: _ => "ACME Quarterly Report (Confidential)", footer: n => $"Page {n} of 4");

        var pages = Parse(pdf, "pdf");

        Assert.Equal(4, pages.Count);
        Assert.All(pages, p => Assert.DoesNotContain("ACME", p.Text, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.DoesNotContain("of 4", p.Text, StringComparison.Ordinal));
        Assert.Contains("Chapter 3 begins here and the implementation continues on the next line.", pages[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_keeps_the_main_text_and_drops_scripts_styles_navigation_and_dangerous_markup()
    {
        var html = """
            <!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style><script>steal()</script></head>
            <body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
            <main><h1>Real title</h1><p onclick="steal()">First <a href="javascript:steal()">bad link</a> and <a href="https://example.org/">good link</a>.</p>
            <script>alert(1)</script><ul><li>One item</li><li>Two item</li></ul>
            <table><tr><th>Name</th><th>Age</th></tr><tr><td>Ada</td><td>36</td></tr></table></main>
            <footer>Copyright chrome</footer></body></html>
            """;

        var page = Assert.Single(Parse(TestFiles.Utf8(html), "html"));

        Assert.Equal("Real title", page.Title);
        Assert.Equal("Real title\n\nFirst bad link and good link.\n\nOne item\n\nTwo item\n\nName\nAge\n\nAda\n36", page.Text);
        Assert.DoesNotContain("script", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.org/\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>Ada</td>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_raw_html_is_not_executed_and_headings_start_sections()
    {
        var markdown = "# One\n\nFirst <script>alert(1)</script> part with a [link](javascript:alert(1)).\n\n# Two\n\nSecond part.\n";

        var pages = Parse(TestFiles.Utf8(markdown), "markdown");

        Assert.Equal(["One", "Two"], pages.Select(p => p.Title));
        Assert.DoesNotContain("<script", pages[0].Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", pages[0].Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Docx_reads_headings_lists_and_tables_without_deleted_text()
    {
        var docx = TestFiles.Docx($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <w:document xmlns:w="{TestFiles.WordNamespace}"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Intro</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del><w:r><w:t>words.</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>A list item</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Next</w:t></w:r></w:p>
            <w:p><w:r><w:t>More.</w:t></w:r></w:p>
            </w:body></w:document>
            """);

        var pages = Parse(docx, "docx");

        Assert.Equal(["Intro", "Next"], pages.Select(p => p.Title));
        Assert.Equal("Intro\n\nKept words.\n\nA list item\n\nCell one\nCell two", pages[0].Text);
        Assert.Contains("<li>A list item</li>", pages[0].Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Epub_follows_the_spine_not_the_archive_order_and_titles_from_navigation()
    {
        var package = """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="text/b.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="b"/><itemref idref="a"/></spine></package>""";
        var nav = TestFiles.Xhtml("""<nav epub:type="toc" xmlns:epub="http://www.idpf.org/2007/ops"><ol><li><a href="text/b.xhtml#start">First chapter</a></li><li><a href="a.xhtml">Second chapter</a></li></ol></nav>""");
        var epub = TestFiles.Epub(package, ("OEBPS/a.xhtml", TestFiles.Xhtml("<p>Second words.</p>")), ("OEBPS/nav.xhtml", nav), ("OEBPS/text/b.xhtml", TestFiles.Xhtml("<p>First words.</p>")));

        var pages = Parse(epub, "epub");

        Assert.Equal(["First chapter", "Second chapter"], pages.Select(p => p.Title));
        Assert.Equal(["First words.", "Second words."], pages.Select(p => p.Text));
    }

    [Theory]
    [InlineData("Just some words.\n\nAnother paragraph, with no markup at all.", "txt")]
    [InlineData("Title\n=====\n\nSome *text*.", "markdown")]
    [InlineData("<!-- saved -->\n<html><body><p>Hi</p></body></html>", "html")]
    public void Text_formats_are_told_apart_by_content(string text, string sourceType) =>
        Assert.Equal(sourceType, DocumentIngestion.Detect(new UploadContent(TestFiles.Utf8(text))).SourceType);

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x48, 0x69 }, "Hi")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00 }, "Hi")]
    [InlineData(new byte[] { 0x63, 0x61, 0x66, 0xE9 }, "café")]
    public void Plain_text_is_decoded_from_utf8_utf16_or_latin1(byte[] bytes, string text) =>
        Assert.Equal(text, Assert.Single(Parse(bytes, "txt")).Text);

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("ｒｅｐｏｒｔ①.pdf", "report1.pdf")]
    [InlineData("na\0me\u0007 with spaces;rm -rf.txt", "name_with_spaces_rm_-rf.txt")]
    [InlineData("..", "document")]
    [InlineData("", "document")]
    public void Upload_names_are_sanitized(string name, string expected) => Assert.Equal(expected, FileNames.Sanitize(name));

    [Fact]
    public void Upload_names_are_cut_to_200_characters() => Assert.Equal(200, FileNames.Sanitize(new string('a', 500) + ".pdf").Length);

    private static IReadOnlyList<Abstractions.Documents.PageContent> Parse(byte[] bytes, string expectedSourceType)
    {
        Assert.Equal(expectedSourceType, DocumentIngestion.Detect(new UploadContent(bytes)).SourceType);
        return TestFiles.Read(bytes).Pages;
    }
}
