using System.Text;
using System.Xml.Linq;
using AngleSharp.Dom;

namespace Lector.Grains.Ingestion;

/// <summary>
/// EPUB 2 and 3: one section per spine document in spine order, titled from the navigation document or NCX, whose
/// entries are the outline (without either, each section's first heading is).
/// </summary>
public sealed class EpubParser : IDocumentParser
{
    private const string Container = "META-INF/container.xml";

    public string SourceType => "epub";

    public bool Recognizes(UploadContent content)
    {
        if (!SafeZip.IsZip(content.Bytes))
        {
            return false;
        }

        using var zip = SafeZip.Open(content.Bytes, new IngestionLimits { MaxInflatedBytes = long.MaxValue, MaxArchiveEntries = int.MaxValue, MaxCompressionRatio = int.MaxValue });
        return zip.Contains(Container) && (zip.Contains("mimetype") || zip.Names.Any(n => n.EndsWith(".opf", StringComparison.OrdinalIgnoreCase)));
    }

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken) =>
        DocumentIngestion.RequireText(Parse(content, limits, cancellationToken));

    public ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var zip = SafeZip.Open(content.Bytes, limits);
        var container = SafeXml.Load(Required(zip, Container));
        var packagePath = container.Descendants().FirstOrDefault(e => e.Name.LocalName == "rootfile")?.Attribute("full-path")?.Value
            ?? throw UploadErrors.Refuse(UploadErrors.Malformed);
        var package = SafeXml.Load(Required(zip, packagePath));

        var manifest = new Dictionary<string, ManifestItem>(StringComparer.Ordinal);
        foreach (var item in package.Descendants().Where(e => e.Name.LocalName == "item"))
        {
            if (item.Attribute("id")?.Value is { } id && item.Attribute("href")?.Value is { } href)
            {
                var path = SafeZip.Resolve(packagePath, href) ?? throw UploadErrors.Refuse(UploadErrors.UnsafeArchive);
                manifest[id] = new ManifestItem(path, item.Attribute("media-type")?.Value ?? "", item.Attribute("properties")?.Value ?? "");
            }
        }

        var spine = package.Descendants().FirstOrDefault(e => e.Name.LocalName == "spine") ?? throw UploadErrors.Refuse(UploadErrors.Malformed);
        var navigation = Navigation(zip, manifest, spine);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in navigation)
        {
            titles.TryAdd(entry.Path, entry.Title);
        }

        var sections = new List<DocumentSection>();
        var sectionOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var itemRef in spine.Elements().Where(e => e.Name.LocalName == "itemref" && e.Attribute("linear")?.Value != "no"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (itemRef.Attribute("idref")?.Value is not { } idref || !manifest.TryGetValue(idref, out var chapter) || !chapter.MediaType.Contains("html", StringComparison.Ordinal))
            {
                continue;
            }

            var document = ParseXhtml(Required(zip, chapter.Path));
            var blocks = HtmlBlocks.Extract(document, cancellationToken);
            var title = titles.GetValueOrDefault(chapter.Path) ?? blocks.FirstOrDefault(b => b.HeadingLevel > 0)?.Block.Text;
            var section = new DocumentSection(title, [.. blocks.Select(b => b.Block)]);
            if (section.HasText)
            {
                sectionOf.TryAdd(chapter.Path, sections.Count);
                sections.Add(section);
            }
        }

        IReadOnlyList<OutlineEntry> outline = navigation.Count > 0
            ? [.. navigation.Where(e => sectionOf.ContainsKey(e.Path)).Select(e => new OutlineEntry(e.Level, e.Title, sectionOf[e.Path]))]
            : [.. sections.Select((s, i) => (s.Title, Index: i)).Where(s => s.Title is not null).Select(s => new OutlineEntry(1, s.Title!, s.Index))];
        var language = package.Descendants().FirstOrDefault(e => e.Name.LocalName == "language")?.Value;
        return new ParsedDocument(sections, outline, LanguageTag.Parse(language));
    }

    private sealed record ManifestItem(string Path, string MediaType, string Properties);

    private static byte[] Required(SafeZip zip, string name) => zip.Read(name) ?? throw UploadErrors.Refuse(UploadErrors.Malformed);

    private static IDocument ParseXhtml(byte[] xhtml)
    {
        SafeXml.RefuseDeclarations(xhtml, allowHtmlDoctype: true);
        return HtmlBlocks.ParseDocument(Encoding.UTF8.GetString(xhtml));
    }

    /// <summary>An entry of the table of contents: its depth, title and the chapter file it points into.</summary>
    private sealed record NavigationEntry(int Level, string Title, string Path);

    /// <summary>The table of contents in order: from the EPUB 3 navigation document, else the EPUB 2 NCX.</summary>
    private static List<NavigationEntry> Navigation(SafeZip zip, Dictionary<string, ManifestItem> manifest, XElement spine)
    {
        var entries = new List<NavigationEntry>();
        if (manifest.Values.FirstOrDefault(i => i.Properties.Split(' ').Contains("nav")) is { } nav && zip.Read(nav.Path) is { } navBytes)
        {
            var document = ParseXhtml(navBytes);
            var navs = document.QuerySelectorAll("nav");
            var toc = navs.FirstOrDefault(n => (n.GetAttribute("epub:type") ?? "").Split(' ').Contains("toc")) ?? navs.FirstOrDefault();
            foreach (var link in toc?.QuerySelectorAll("a[href]") ?? Enumerable.Empty<IElement>())
            {
                var level = link.Ancestors<IElement>().TakeWhile(e => e != toc).Count(e => e.LocalName == "ol");
                Add(nav.Path, level, link.GetAttribute("href")!, HtmlBlocks.Normalize(link.TextContent));
            }
        }
        else if (spine.Attribute("toc")?.Value is { } ncxId && manifest.TryGetValue(ncxId, out var ncx) && zip.Read(ncx.Path) is { } ncxBytes)
        {
            foreach (var point in SafeXml.Load(ncxBytes).Descendants().Where(e => e.Name.LocalName == "navPoint"))
            {
                var label = point.Elements().FirstOrDefault(e => e.Name.LocalName == "navLabel")?.Value;
                var source = point.Elements().FirstOrDefault(e => e.Name.LocalName == "content")?.Attribute("src")?.Value;
                if (label is not null && source is not null)
                {
                    Add(ncx.Path, point.AncestorsAndSelf().Count(e => e.Name.LocalName == "navPoint"), source, HtmlBlocks.Normalize(label));
                }
            }
        }

        return entries;

        void Add(string from, int level, string href, string title)
        {
            if (title.Length > 0 && SafeZip.Resolve(from, href) is { } path)
            {
                entries.Add(new NavigationEntry(level, title, path));
            }
        }
    }
}
