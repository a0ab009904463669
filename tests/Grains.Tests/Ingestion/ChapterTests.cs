using Lector.Abstractions.Documents;
using Lector.Grains.Documents;
using Lector.Grains.Ingestion;

namespace Lector.Grains.Tests.Ingestion;

public sealed class ChapterTests
{
    [Theory]
    [InlineData("gpl3.docx")]
    [InlineData("gpl3.epub")]
    [InlineData("gpl3.html")]
    [InlineData("gpl3.md")]
    public void The_corpus_formats_have_the_nineteen_sections_as_chapters_covering_the_pages_in_order(string file)
    {
        var document = Corpus.Document(file);
        var chapters = document.Chapters;

        // A title block before the first section (pandoc's HTML header) may be one more chapter.
        Assert.InRange(chapters.Count, 19, 20);
        Assert.Equal(Corpus.MarkdownHeadings().Select(Normalize), chapters.Skip(chapters.Count - 19).Select(c => Normalize(c.Title)));
        Assert.Equal(Enumerable.Range(1, chapters.Count), chapters.Select(c => c.Number));
        Assert.All(chapters, c => Assert.Equal(c.Title, document.Pages[c.FirstPage - 1].Title));
        Assert.All(chapters.Zip(chapters.Skip(1)), pair => Assert.Equal(pair.Second.FirstPage - 1, pair.First.LastPage));
        Assert.Equal(document.Pages.Count, chapters[^1].LastPage);
    }

    [Fact]
    public void Markdown_and_html_chapters_are_the_headings_under_a_single_title()
    {
        var markdown = TestFiles.Read(TestFiles.Utf8("# The Book\n\nForeword words.\n\n## One\n\nFirst words.\n\n### Aside\n\nMore.\n\n## Two\n\nSecond words.\n"));
        var html = TestFiles.Read(TestFiles.Utf8("<!DOCTYPE html><html><body><h1>The Book</h1><p>Foreword.</p><h2>One</h2><p>First.</p><h2>Two</h2><p>Second.</p></body></html>"));

        Assert.Equal([new Chapter(1, "One", 2, 3), new Chapter(2, "Two", 4, 4)], markdown.Chapters);
        Assert.Equal(["One", "Two"], html.Chapters.Select(c => c.Title));
    }

    [Fact]
    public void Docx_chapters_are_its_headings_and_not_its_title()
    {
        var docx = TestFiles.Docx($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <w:document xmlns:w="{TestFiles.WordNamespace}"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Annual Report</w:t></w:r></w:p>
            <w:p><w:r><w:t>Summary words.</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Sales</w:t></w:r></w:p>
            <w:p><w:r><w:t>Sales went up.</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Abroad</w:t></w:r></w:p>
            <w:p><w:r><w:t>Also abroad.</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Costs</w:t></w:r></w:p>
            <w:p><w:r><w:t>Costs went down.</w:t></w:r></w:p>
            </w:body></w:document>
            """);

        var document = TestFiles.Read(docx);

        Assert.Equal([new Chapter(1, "Sales", 2, 3), new Chapter(2, "Costs", 4, 4)], document.Chapters);
        Assert.Equal("<h1>Annual Report</h1><p>Summary words.</p>", document.Pages[0].Html);
    }

    [Fact]
    public void Epub_chapters_are_the_top_entries_of_its_navigation_and_of_an_ncx()
    {
        var nav = TestFiles.Xhtml("""
            <nav epub:type="toc" xmlns:epub="http://www.idpf.org/2007/ops"><ol>
            <li><a href="a.xhtml">Part one</a><ol><li><a href="b.xhtml">Part one, continued</a></li></ol></li>
            <li><a href="c.xhtml#start">Part two</a></li>
            </ol></nav>
            """);
        var package = """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="b.xhtml" media-type="application/xhtml+xml"/><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/><itemref idref="c"/></spine></package>""";
        (string, byte[])[] chapters =
        [
            ("OEBPS/a.xhtml", TestFiles.Xhtml("<p>A words.</p>")),
            ("OEBPS/b.xhtml", TestFiles.Xhtml("<p>B words.</p>")),
            ("OEBPS/c.xhtml", TestFiles.Xhtml("<p>C words.</p>")),
        ];
        var withNav = TestFiles.Read(TestFiles.Epub(package, [("OEBPS/nav.xhtml", nav), .. chapters]));

        var ncx = TestFiles.Utf8("""
            <?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
            <navPoint id="p1"><navLabel><text>Part one</text></navLabel><content src="a.xhtml"/>
              <navPoint id="p2"><navLabel><text>Part one, continued</text></navLabel><content src="b.xhtml"/></navPoint></navPoint>
            <navPoint id="p3"><navLabel><text>Part two</text></navLabel><content src="c.xhtml"/></navPoint>
            </navMap></ncx>
            """);
        var epub2 = package.Replace("version=\"3.0\"", "version=\"2.0\"", StringComparison.Ordinal)
            .Replace("""<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>""", """<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>""", StringComparison.Ordinal)
            .Replace("<spine>", "<spine toc=\"ncx\">", StringComparison.Ordinal);
        var withNcx = TestFiles.Read(TestFiles.Epub(epub2, [("OEBPS/toc.ncx", ncx), .. chapters]));

        Chapter[] expected = [new Chapter(1, "Part one", 1, 2), new Chapter(2, "Part two", 3, 3)];
        Assert.Equal(expected, withNav.Chapters);
        Assert.Equal(expected, withNcx.Chapters);
    }

    [Fact]
    public void Plain_text_has_no_chapters() =>
        Assert.Empty(TestFiles.Read(TestFiles.Utf8("Just words.\n\nMore words.")).Chapters);

    [Fact]
    public void The_chapter_level_is_the_shallowest_with_more_than_one_entry_and_the_list_is_bounded()
    {
        OutlineEntry[] outline = [new(1, "Book", 0), new(2, "One", 1), new(3, "One a", 1), new(2, "Two", 3)];
        Assert.Equal([new Chapter(1, "One", 2, 4), new Chapter(2, "Two", 5, 9)], ChapterList.From(outline, [1, 2, 3, 5], 9));

        var many = Enumerable.Range(0, ChapterList.MaxChapters + 50).Select(i => new OutlineEntry(1, $"Part {i} {new string('x', 300)}", i)).ToList();
        var bounded = ChapterList.From(many, [.. Enumerable.Range(1, many.Count)], many.Count);
        Assert.Equal(ChapterList.MaxChapters, bounded.Count);
        Assert.All(bounded, c => Assert.True(c.Title.Length <= ChapterList.MaxTitleLength));
    }

    private static string Normalize(string title) => string.Join(' ', Corpus.Words(title));
}
