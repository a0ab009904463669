using Lector.Grains.Ingestion;

namespace Lector.Grains.Tests.Ingestion;

/// <summary>The language a document declares is read from its format's own metadata (PDF /Lang too), and only a real tag counts.</summary>
public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-us", "en-US")]
    [InlineData(" fr_CA ", "fr-CA")]
    [InlineData("es-419", "es-419")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("C", null)]
    [InlineData("", null)]
    [InlineData("english", null)]
    [InlineData("en-", null)]
    [InlineData(null, null)]
    public void A_declared_tag_is_put_in_its_usual_case_and_anything_else_is_no_language(string? declared, string? expected) =>
        Assert.Equal(expected, LanguageTag.Parse(declared));

    [Fact]
    public void Pdf_docx_epub_and_html_declare_their_language_in_their_own_metadata()
    {
        var html = Parse(TestFiles.Utf8("""<!DOCTYPE html><html lang="fr-ca"><head><title>t</title></head><body><p>Bonjour à tous.</p></body></html>"""));
        var epub = Parse(TestFiles.Epub(
            """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/" version="3.0"><metadata><dc:language>es</dc:language></metadata><manifest><item id="c0" href="c0.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c0"/></spine></package>""",
            ("OEBPS/c0.xhtml", TestFiles.Xhtml("<p>Hola a todos.</p>"))));

        var pdf = Parse(new TestPdf().Lines(120, "Guten Tag, liebe Leserinnen und Leser.").Language("de-DE").ToBytes());

        Assert.Equal("fr-CA", html.Language);
        Assert.Equal("de-DE", pdf.Language);
        Assert.Equal("es", epub.Language);
        Assert.Equal("en-US", Parse(Corpus.Read("gpl3.docx")).Language);

        // pandoc wrote "C" (a locale, not a language) into the corpus EPUB and an empty lang into its HTML: detection decides.
        Assert.Null(Parse(Corpus.Read("gpl3.epub")).Language);
        Assert.Null(Parse(Corpus.Read("gpl3.html")).Language);
        Assert.Null(Parse(Corpus.Read("gpl3.md")).Language);
        Assert.Null(Parse(Corpus.Read("gpl3.pdf")).Language);
    }

    private static ParsedDocument Parse(byte[] bytes)
    {
        var content = new UploadContent(bytes);
        return DocumentIngestion.Detect(content).Parse(content, new IngestionLimits(), CancellationToken.None);
    }
}
