namespace Lector.Abstractions.Exports;

/// <summary>
/// The exports of one document, keyed by document id: the list of its export grains (a few per document, so the list
/// stays small), which a listing asks for their state.
/// </summary>
[Alias("Lector.IDocumentExportsGrain")]
public interface IDocumentExportsGrain : IGrainWithStringKey
{
    /// <summary>Every export of the document, newest first (viewers and up).</summary>
    [Alias("List")]
    Task<IReadOnlyList<ExportView>> List(string callerId);
}
