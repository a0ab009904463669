using System.IO.Compression;
using System.Text;
using Lector.Grains.Documents;
using Lector.Grains.Ingestion;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Lector.Grains.Tests.Ingestion;

/// <summary>Builds the files the ingestion tests feed in: hostile archives, PDFs made with PDFsharp, garbage.</summary>
internal static class TestFiles
{
    private static readonly Lazy<bool> Fonts = new(() =>
    {
        GlobalFontSettings.FontResolver = new DejaVuFontResolver();
        return true;
    });

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A file as Lector reads it: its format detected from the bytes, parsed and paginated.</summary>
    public static PaginatedDocument Read(byte[] bytes, int maxCharacters = 3000)
    {
        var content = new UploadContent(bytes);
        return TextPaginator.Paginate(DocumentIngestion.Detect(content).Parse(content, new IngestionLimits(), CancellationToken.None), maxCharacters);
    }

    /// <summary>A minimal DOCX whose body is the given XML.</summary>
    public static byte[] Docx(string documentXml) => Zip(
        ("[Content_Types].xml", Utf8("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""")),
        ("_rels/.rels", Utf8("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""")),
        ("word/document.xml", Utf8(documentXml)));

    public const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>A minimal EPUB 3: the package document at OEBPS/content.opf plus <paramref name="extra"/> files (path under OEBPS/).</summary>
    public static byte[] Epub(string packageXml, params (string Name, byte[] Content)[] extra) => Zip(
        [
            ("mimetype", Utf8("application/epub+zip")),
            ("META-INF/container.xml", Utf8("""<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>""")),
            ("OEBPS/content.opf", Utf8(packageXml)),
            .. extra,
        ]);

    public static string Package(params string[] chapterHrefs) =>
        $"""<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest>{string.Concat(chapterHrefs.Select((h, i) => $"""<item id="c{i}" href="{h}" media-type="application/xhtml+xml"/>"""))}</manifest><spine>{string.Concat(chapterHrefs.Select((_, i) => $"""<itemref idref="c{i}"/>"""))}</spine></package>""";

    public static byte[] Xhtml(string body) => Utf8($"""<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>{body}</body></html>""");

    /// <summary>A PDF whose pages carry the given lines of text from the top, plus an optional header and footer on every page.</summary>
    public static byte[] Pdf(IReadOnlyList<string[]> pages, Func<int, string>? header = null, Func<int, string>? footer = null, string? userPassword = null)
    {
        _ = Fonts.Value;
        using var document = new PdfDocument();
        var font = new XFont("DejaVu Sans", 11);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            if (header is not null)
            {
                graphics.DrawString(header(i + 1), font, XBrushes.Black, new XPoint(72, 30));
            }

            var y = 110.0;
            foreach (var line in pages[i])
            {
                graphics.DrawString(line, font, XBrushes.Black, new XPoint(72, y));
                y += 14;
            }

            if (footer is not null)
            {
                graphics.DrawString(footer(i + 1), font, XBrushes.Black, new XPoint(280, page.Height.Point - 30));
            }
        }

        if (userPassword is not null)
        {
            document.SecuritySettings.UserPassword = userPassword;
            document.SecuritySettings.OwnerPassword = userPassword + "-owner";
        }

        using var buffer = new MemoryStream();
        document.Save(buffer);
        return buffer.ToArray();
    }

    /// <summary>A "scanned" PDF: pages with drawings and no text layer.</summary>
    public static byte[] PdfWithoutText(int pageCount)
    {
        using var document = new PdfDocument();
        for (var i = 0; i < pageCount; i++)
        {
            using var graphics = XGraphics.FromPdfPage(document.AddPage());
            graphics.DrawRectangle(XBrushes.Gray, 50, 50, 400, 600);
        }

        using var buffer = new MemoryStream();
        document.Save(buffer);
        return buffer.ToArray();
    }

    private sealed class DejaVuFontResolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new("DejaVuSans");

        public byte[]? GetFont(string faceName) => File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    }
}
