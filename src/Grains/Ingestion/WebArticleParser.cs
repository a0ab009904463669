namespace Lector.Grains.Ingestion;

/// <summary>A web page imported by its URL: the article it carries (<see cref="ArticleExtractor"/>), not the page around it.</summary>
public sealed class WebArticleParser : IDocumentParser
{
    public string SourceType => "url";

    /// <summary>Never: an uploaded HTML file is read whole (<see cref="HtmlParser"/>); only fetched pages are read as articles.</summary>
    public bool Recognizes(UploadContent content) => false;

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken) =>
        DocumentIngestion.RequireText(Parse(content, limits, cancellationToken));

    public ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var article = ArticleExtractor.Extract(content.Text ?? throw UploadErrors.Refuse(UploadErrors.UnsupportedType), cancellationToken);
        return HtmlBlocks.Sections(article.Blocks) with { Language = article.Language, Title = article.Title };
    }
}
