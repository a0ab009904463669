namespace Lector.Abstractions.Documents;

/// <summary>A user's own documents, keyed by user id: summaries kept current by the document grains.</summary>
[Alias("Lector.ILibraryGrain")]
public interface ILibraryGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(DocumentSummary summary);

    [Alias("Remove")]
    Task Remove(string documentId);

    /// <summary>Newest first.</summary>
    [Alias("List")]
    Task<PagedResult<DocumentSummary>> List(PageRequest request);
}
