using System.IO.Compression;
using System.Net;
using System.Text;

namespace Lector.Testing;

/// <summary>Writes a small EPUB 3: one XHTML file per chapter, in the spine, and a navigation document listing them.</summary>
public sealed class TestEpub(string title)
{
    private readonly List<(string Title, string[] Paragraphs)> _chapters = [];

    public TestEpub Chapter(string chapterTitle, params string[] paragraphs)
    {
        _chapters.Add((chapterTitle, paragraphs));
        return this;
    }

    public byte[] ToBytes()
    {
        var items = _chapters.Select((_, i) => $"c{i + 1}").ToList();
        var package = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">test-{Guid.NewGuid():N}</dc:identifier><dc:title>{WebUtility.HtmlEncode(title)}</dc:title><dc:language>en</dc:language></metadata>
            <manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{string.Concat(items.Select(i => $"""<item id="{i}" href="{i}.xhtml" media-type="application/xhtml+xml"/>"""))}</manifest>
            <spine>{string.Concat(items.Select(i => $"""<itemref idref="{i}"/>"""))}</spine>
            </package>
            """;
        var nav = Xhtml($"""<nav epub:type="toc" xmlns:epub="http://www.idpf.org/2007/ops"><ol>{string.Concat(_chapters.Select((c, i) => $"""<li><a href="{items[i]}.xhtml">{WebUtility.HtmlEncode(c.Title)}</a></li>"""))}</ol></nav>""");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            // The mimetype entry comes first and is stored, as readers expect.
            Add(zip, "mimetype", "application/epub+zip", CompressionLevel.NoCompression);
            Add(zip, "META-INF/container.xml", """<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>""");
            Add(zip, "OEBPS/content.opf", package);
            Add(zip, "OEBPS/nav.xhtml", nav);
            for (var i = 0; i < _chapters.Count; i++)
            {
                var (chapterTitle, paragraphs) = _chapters[i];
                Add(zip, $"OEBPS/{items[i]}.xhtml", Xhtml($"<h1>{WebUtility.HtmlEncode(chapterTitle)}</h1>{string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))}"));
            }
        }

        return buffer.ToArray();
    }

    private static string Xhtml(string body) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>{body}</body></html>""";

    private static void Add(ZipArchive zip, string name, string content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
