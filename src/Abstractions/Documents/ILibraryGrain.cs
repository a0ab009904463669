namespace Lector.Abstractions.Documents;

/// <summary>
/// A user's own documents, keyed by user id: summaries kept current by the document grains, and the user's
/// listening position in each document they listen to (their own or shared with them).
/// </summary>
[Alias("Lector.ILibraryGrain")]
public interface ILibraryGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(DocumentSummary summary);

    /// <summary>Removes the document and the position in it.</summary>
    [Alias("Remove")]
    Task Remove(string documentId);

    /// <summary>The user's own documents whose title contains the search, in the order asked for, each with the user's position.</summary>
    [Alias("List")]
    Task<PagedResult<DocumentSummary>> List(PageRequest request, LibraryQuery query);

    /// <summary>
    /// The same page with the library's version, or the version alone when it equals <paramref name="knownVersion"/>
    /// (the caller's copy of this page is current). Versions differ across activations, so a copy is never taken
    /// for current after the library was reloaded.
    /// </summary>
    [Alias("ListIfChanged")]
    Task<LibraryListing> ListIfChanged(PageRequest request, LibraryQuery query, string? knownVersion);

    /// <summary>Called by the document grain, which has checked the user may read it and that the page exists.</summary>
    [Alias("SavePosition")]
    Task SavePosition(string documentId, ListeningPosition position);

    [Alias("GetPosition")]
    Task<ListeningPosition?> GetPosition(string documentId);
}
