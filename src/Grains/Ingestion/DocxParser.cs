using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Lector.Grains.Ingestion;

/// <summary>Word documents: paragraphs, list items and tables as readable text; headings start sections and make the outline.</summary>
public sealed class DocxParser : IDocumentParser
{
    private const string MainPart = "word/document.xml";

    public string SourceType => "docx";

    public bool Recognizes(UploadContent content)
    {
        if (!SafeZip.IsZip(content.Bytes))
        {
            return false;
        }

        // Opening only reads the central directory; the caps are checked again before anything is inflated.
        using var zip = SafeZip.Open(content.Bytes, new IngestionLimits { MaxInflatedBytes = long.MaxValue, MaxArchiveEntries = int.MaxValue, MaxCompressionRatio = int.MaxValue });
        return zip.Contains(MainPart) && zip.Contains("[Content_Types].xml");
    }

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken) =>
        DocumentIngestion.RequireText(Parse(content, limits, cancellationToken));

    public ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        // Every XML part is read under the archive caps and refused if it declares a DTD, before the SDK sees it.
        using (var zip = SafeZip.Open(content.Bytes, limits))
        {
            foreach (var name in zip.Names.Where(n => n.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                SafeXml.RefuseDeclarations(zip.Read(name)!, allowHtmlDoctype: false);
            }
        }

        var settings = new OpenSettings { MaxCharactersInPart = limits.MaxInflatedBytes, AutoSave = false };
        using var document = WordprocessingDocument.Open(new MemoryStream(content.Bytes, writable: false), false, settings);
        var main = document.MainDocumentPart ?? throw UploadErrors.Refuse(UploadErrors.Malformed);
        var body = main.Document?.Body ?? throw UploadErrors.Refuse(UploadErrors.Malformed);
        var headingStyles = HeadingLevels(main.StyleDefinitionsPart?.Styles);

        var sections = new List<DocumentSection>();
        var outline = new List<OutlineEntry>();
        string? title = null;
        var titleLevel = -1;
        var blocks = new List<TextBlock>();
        foreach (var element in Blocks(body))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (element is Table table)
            {
                AddIfText(blocks, TableBlock(table));
                continue;
            }

            var paragraph = (Paragraph)element;
            var text = TextOf(paragraph);
            if (text.Length == 0)
            {
                continue;
            }

            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            var level = styleId is not null && headingStyles.TryGetValue(styleId, out var l) ? l : -1;
            if (level is >= 0 and <= HtmlBlocks.SectionHeadingLevel)
            {
                AddSection(sections, outline, title, titleLevel, blocks);
                title = text;
                titleLevel = level;
                blocks = [];
            }

            var encoded = WebUtility.HtmlEncode(text);
            var tag = $"h{Math.Max(level, 1)}";
            blocks.Add(level >= 0
                ? new TextBlock(text, $"<{tag}>{encoded}</{tag}>")
                : paragraph.ParagraphProperties?.NumberingProperties is not null
                    ? new TextBlock(text, $"<ul><li>{encoded}</li></ul>")
                    : TextBlock.Paragraph(text));
        }

        AddSection(sections, outline, title, titleLevel, blocks);
        return new ParsedDocument(sections, outline, LanguageTag.Parse(DefaultLanguage(main.StyleDefinitionsPart?.Styles)));
    }

    private static void AddSection(List<DocumentSection> sections, List<OutlineEntry> outline, string? title, int titleLevel, List<TextBlock> blocks)
    {
        var section = new DocumentSection(title, blocks);
        if (section.HasText)
        {
            if (title is not null)
            {
                outline.Add(new OutlineEntry(titleLevel, title, sections.Count));
            }

            sections.Add(section);
        }
    }

    private static void AddIfText(List<TextBlock> blocks, TextBlock? block)
    {
        if (block is not null)
        {
            blocks.Add(block);
        }
    }

    /// <summary>Top-level paragraphs and tables, looking through content controls and custom XML wrappers.</summary>
    private static IEnumerable<OpenXmlElement> Blocks(OpenXmlElement container)
    {
        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case Paragraph or Table:
                    yield return child;
                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    foreach (var inner in Blocks(child))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Style id to heading level, from the built-in "heading N" and "Title" styles (whatever their localized ids); the
    /// title is level 0, above the headings, so that a document's own title is not taken for one of its chapters.
    /// </summary>
    private static Dictionary<string, int> HeadingLevels(Styles? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var level = 1; level <= 6; level++)
        {
            levels[$"Heading{level}"] = level;
        }

        levels["Title"] = 0;
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            var name = style.StyleName?.Val?.Value?.ToLowerInvariant();
            if (style.StyleId?.Value is not { } id || name is null)
            {
                continue;
            }

            if (name == "title")
            {
                levels[id] = 0;
            }
            else if (name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), out var level) && level is >= 1 and <= 6)
            {
                levels[id] = level;
            }
        }

        return levels;
    }

    /// <summary>Visible text only: no deleted revisions, no field codes.</summary>
    private static string TextOf(OpenXmlElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Descendants())
        {
            switch (node)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar or Break or CarriageReturn:
                    text.Append(' ');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
            }
        }

        return HtmlBlocks.Normalize(text.ToString());
    }

    private static TextBlock? TableBlock(Table table)
    {
        var rows = table.Elements<TableRow>()
            .Select(row => (IReadOnlyList<string>)[.. row.Elements<TableCell>().Select(TextOf).Where(t => t.Length > 0)])
            .Where(cells => cells.Count > 0)
            .ToList();
        return rows.Count == 0 ? null : TextBlock.Table(rows);
    }

    /// <summary>The language of the document's default run properties (what Word writes for the document's language).</summary>
    private static string? DefaultLanguage(Styles? styles) =>
        styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.Languages?.Val?.Value;
}
