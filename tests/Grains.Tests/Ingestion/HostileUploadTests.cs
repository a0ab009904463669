using System.IO.Compression;
using Lector.Abstractions;
using Lector.Grains.Ingestion;

namespace Lector.Grains.Tests.Ingestion;

/// <summary>Each hostile or broken upload is refused at inspection with its own code.</summary>
public sealed class HostileUploadTests
{
    private static readonly IngestionLimits Limits = new();

    [Fact]
    public async Task Empty_file_is_refused() => await AssertRefused([], UploadErrors.Empty, ErrorKind.Unprocessable);

    [Fact]
    public async Task Whitespace_only_text_has_no_text() => await AssertRefused(TestFiles.Utf8(" \n\n\t \r\n"), UploadErrors.NoText, ErrorKind.Unprocessable);

    [Fact]
    public async Task Binary_garbage_named_txt_is_unsupported()
    {
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        await AssertRefused(garbage, UploadErrors.UnsupportedType, ErrorKind.UnsupportedMediaType);
    }

    [Fact]
    public async Task Executable_renamed_pdf_is_unsupported()
    {
        var executable = new byte[4096];
        "MZ"u8.CopyTo(executable);
        "This program cannot be run in DOS mode."u8.CopyTo(executable.AsSpan(78));
        await AssertRefused(executable, UploadErrors.UnsupportedType, ErrorKind.UnsupportedMediaType);
    }

    [Fact]
    public async Task Zip_that_is_neither_docx_nor_epub_is_unsupported() =>
        await AssertRefused(TestFiles.Zip(("notes.txt", TestFiles.Utf8("hello"))), UploadErrors.UnsupportedType, ErrorKind.UnsupportedMediaType);

    [Fact]
    public async Task Zip_bomb_docx_is_refused_by_its_compression_ratio()
    {
        var bomb = TestFiles.Docx("<w:document xmlns:w=\"" + TestFiles.WordNamespace + "\"><w:body/></w:document>");
        var zeros = new byte[30 * 1024 * 1024];
        var withBomb = AddEntry(bomb, "word/media/padding.bin", zeros);
        await AssertRefused(withBomb, UploadErrors.ArchiveTooLarge, ErrorKind.PayloadTooLarge);
    }

    [Fact]
    public async Task Archive_over_the_inflated_size_or_entry_caps_is_refused()
    {
        var many = TestFiles.Epub(TestFiles.Package("a.xhtml"), [.. Enumerable.Range(0, 60).Select(i => ($"OEBPS/x{i}.css", TestFiles.Utf8("p{}")))]);
        var limits = new IngestionLimits { MaxArchiveEntries = 50 };
        var refused = await Assert.ThrowsAsync<LectorException>(() => DocumentIngestion.InspectAsync(many, limits));
        Assert.Equal(UploadErrors.ArchiveTooLarge, refused.Code);

        var big = TestFiles.Epub(TestFiles.Package("a.xhtml"), ("OEBPS/a.xhtml", TestFiles.Xhtml($"<p>{new string('a', 200_000)}</p>")));
        refused = await Assert.ThrowsAsync<LectorException>(() => DocumentIngestion.InspectAsync(big, new IngestionLimits { MaxInflatedBytes = 100_000 }));
        Assert.Equal(UploadErrors.ArchiveTooLarge, refused.Code);
    }

    [Fact]
    public async Task Docx_with_external_entity_is_refused()
    {
        var xxe = TestFiles.Docx($"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="{TestFiles.WordNamespace}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>""");
        await AssertRefused(xxe, UploadErrors.UnsafeXml, ErrorKind.Unprocessable);
    }

    [Fact]
    public async Task Epub_with_billion_laughs_package_is_refused()
    {
        var laughs = """<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><package xmlns="http://www.idpf.org/2007/opf"><metadata>&c;</metadata><manifest/><spine/></package>""";
        await AssertRefused(TestFiles.Epub(laughs), UploadErrors.UnsafeXml, ErrorKind.Unprocessable);
    }

    [Fact]
    public async Task Epub_chapter_declaring_entities_is_refused()
    {
        var chapter = TestFiles.Utf8("""<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html xmlns="http://www.w3.org/1999/xhtml"><body><p>&x;</p></body></html>""");
        await AssertRefused(TestFiles.Epub(TestFiles.Package("a.xhtml"), ("OEBPS/a.xhtml", chapter)), UploadErrors.UnsafeXml, ErrorKind.Unprocessable);
    }

    [Theory]
    [InlineData("../../etc/cron.d/evil")]
    [InlineData("/etc/passwd")]
    [InlineData("OEBPS\\..\\..\\evil.xhtml")]
    public async Task Archive_entry_escaping_its_directory_is_refused(string entryName)
    {
        var epub = TestFiles.Epub(TestFiles.Package("a.xhtml"), ("OEBPS/a.xhtml", TestFiles.Xhtml("<p>Words.</p>")), (entryName, TestFiles.Utf8("x")));
        await AssertRefused(epub, UploadErrors.UnsafeArchive, ErrorKind.Unprocessable);
    }

    [Fact]
    public async Task Epub_manifest_pointing_outside_the_archive_is_refused() =>
        await AssertRefused(TestFiles.Epub(TestFiles.Package("../../../secret.xhtml")), UploadErrors.UnsafeArchive, ErrorKind.Unprocessable);

    [Fact]
    public async Task Password_protected_pdf_is_refused()
    {
        var pdf = TestFiles.Pdf([["A secret page."]], userPassword: "open sesame");
        await AssertRefused(pdf, UploadErrors.Encrypted, ErrorKind.Unprocessable);
    }

    [Fact]
    public async Task Truncated_pdf_is_refused_as_malformed()
    {
        var pdf = Corpus.Read("gpl3.pdf");
        await AssertRefused(pdf[..(pdf.Length / 3)], UploadErrors.Malformed, ErrorKind.Unprocessable);
    }

    [Fact]
    public async Task Corrupt_pdf_is_refused_as_malformed()
    {
        var garbage = new byte[20_000];
        new Random(3).NextBytes(garbage);
        "%PDF-1.7\n"u8.CopyTo(garbage);
        await AssertRefused(garbage, UploadErrors.Malformed, ErrorKind.Unprocessable);
    }

    [Fact]
    public async Task Scanned_pdf_without_text_is_refused_not_silently_empty() =>
        await AssertRefused(TestFiles.PdfWithoutText(3), UploadErrors.NoText, ErrorKind.Unprocessable);

    [Fact]
    public async Task Pdf_over_the_page_cap_is_refused()
    {
        var pdf = TestFiles.Pdf([.. Enumerable.Range(1, 6).Select(i => new[] { $"Page {i} words." })]);
        var refused = await Assert.ThrowsAsync<LectorException>(() => DocumentIngestion.InspectAsync(pdf, new IngestionLimits { MaxPages = 5 }));
        Assert.Equal(UploadErrors.TooManyPages, refused.Code);
    }

    [Fact]
    public async Task Parse_running_past_its_time_budget_is_stopped()
    {
        var refused = await Assert.ThrowsAsync<LectorException>(() =>
            DocumentIngestion.ParseAsync(DocumentIngestion.Detect(new UploadContent(Corpus.Read("gpl3.pdf"))), Corpus.Read("gpl3.pdf"), new IngestionLimits { ParseTimeout = TimeSpan.FromMilliseconds(1) }));
        Assert.Equal(UploadErrors.ParseTimeout, refused.Code);
    }

    private static async Task AssertRefused(byte[] upload, string code, ErrorKind kind)
    {
        var refused = await Assert.ThrowsAsync<LectorException>(() => DocumentIngestion.InspectAsync(upload, Limits));
        Assert.Equal(code, refused.Code);
        Assert.Equal(kind, refused.Kind);
    }

    private static byte[] AddEntry(byte[] zip, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(zip);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(content);
        }

        return buffer.ToArray();
    }
}
