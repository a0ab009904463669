using System.Text.RegularExpressions;

namespace Lector.Grains.Ingestion;

/// <summary>HTML pages: the main text, split into sections at major headings.</summary>
public sealed partial class HtmlParser : IDocumentParser
{
    public string SourceType => "html";

    /// <summary>Text that opens like an HTML document (an optional XML declaration, comments, then a doctype or html/head/body tag).</summary>
    public bool Recognizes(UploadContent content) =>
        content.Text is { } text && HtmlStart().IsMatch(text.AsSpan(0, Math.Min(text.Length, 4096)));

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken) =>
        DocumentIngestion.RequireText(Parse(content, limits, cancellationToken));

    public ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var document = HtmlBlocks.ParseDocument(content.Text ?? throw UploadErrors.Refuse(UploadErrors.UnsupportedType));
        return HtmlBlocks.Sections(HtmlBlocks.Extract(document, cancellationToken)) with { Language = LanguageTag.Parse(document.DocumentElement?.GetAttribute("lang")) };
    }

    [GeneratedRegex(@"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlStart();
}
