using Lector.Abstractions.Documents;
using Orleans.Concurrency;

namespace Lector.Abstractions.Sharing;

/// <summary>The document grain as its sharing grain sees it; no access checks, only the sharing grain of the same id calls it.</summary>
[Alias("Lector.ISharedDocumentGrain")]
public interface ISharedDocumentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the document's copy of who may use it (unless the copy it holds is newer) and answers the document's
    /// summary for the shared-with-me rows, or null when the document does not exist or is being deleted.
    /// Interleaves: the sharing grain tells the document while the document may be waiting on the sharing grain.
    /// </summary>
    [Alias("ApplySharedAccess"), AlwaysInterleave]
    Task<DocumentSummary?> ApplySharedAccess(SharedAccess access);
}
