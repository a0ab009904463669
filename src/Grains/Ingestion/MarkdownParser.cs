using System.Text.RegularExpressions;
using Markdig;

namespace Lector.Grains.Ingestion;

/// <summary>Markdown: rendered with raw HTML disabled, then read like an HTML page.</summary>
public sealed partial class MarkdownParser : IDocumentParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public string SourceType => "markdown";

    /// <summary>Text with Markdown structure: headings, fenced code or links, or several lists and emphases.</summary>
    public bool Recognizes(UploadContent content)
    {
        if (content.Text is not { } text)
        {
            return false;
        }

        var sample = text.Length > 200_000 ? text[..200_000] : text;
        return StrongSignal().IsMatch(sample) || WeakSignal().Count(sample) >= 3;
    }

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken) =>
        DocumentIngestion.RequireText(Parse(content, limits, cancellationToken));

    public ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var html = Markdown.ToHtml(content.Text ?? throw UploadErrors.Refuse(UploadErrors.UnsupportedType), Pipeline);
        var document = HtmlBlocks.ParseDocument(html);
        return HtmlBlocks.Sections(HtmlBlocks.Extract(document, cancellationToken));
    }

    [GeneratedRegex(@"^(#{1,6}[ \t]+\S|```|~~~)|\[[^\]\n]+\]\([^)\s]+\)|^\S[^\n]*\n(=+|-{3,})[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex StrongSignal();

    [GeneratedRegex(@"^[ \t]*([-*+]|\d+\.)[ \t]+\S|\*\*[^*\n]+\*\*|^>[ \t]", RegexOptions.Multiline)]
    private static partial Regex WeakSignal();
}
