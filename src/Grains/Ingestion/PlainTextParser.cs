using Lector.Grains.Documents;

namespace Lector.Grains.Ingestion;

/// <summary>Plain text (uploaded <c>txt</c>, or pasted <c>text</c>): one untitled section of paragraphs.</summary>
public sealed class PlainTextParser(string sourceType) : IDocumentParser
{
    public string SourceType => sourceType;

    public bool Recognizes(UploadContent content) => content.Text is not null;

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken) =>
        DocumentIngestion.RequireText(Parse(content, limits, cancellationToken));

    public ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var text = content.Text ?? throw UploadErrors.Refuse(UploadErrors.UnsupportedType);
        var section = new DocumentSection(null, [.. TextPaginator.Paragraphs(text).Select(TextBlock.Paragraph)]);
        return new ParsedDocument(section.HasText ? [section] : [], []);
    }
}
