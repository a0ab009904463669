namespace Lector.Abstractions.Sharing;

/// <summary>Documents others shared with a user, keyed by user id; kept current by the documents' sharing grains.</summary>
[Alias("Lector.ISharedWithMeGrain")]
public interface ISharedWithMeGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(SharedDocumentSummary summary);

    [Alias("Remove")]
    Task Remove(string documentId);

    /// <summary>Most recently shared first.</summary>
    [Alias("List")]
    Task<PagedResult<SharedDocumentSummary>> List(PageRequest request);
}
