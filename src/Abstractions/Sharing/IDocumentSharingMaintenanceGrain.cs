using Lector.Abstractions.Documents;
using Orleans.Concurrency;

namespace Lector.Abstractions.Sharing;

/// <summary>
/// The sharing grain as its document grain sees it. These methods check no access: only the document grain of the
/// same id calls them.
/// </summary>
[Alias("Lector.IDocumentSharingMaintenanceGrain")]
public interface IDocumentSharingMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Who may use the document, as last stored. Interleaves: the document asks while this grain may be waiting on it.
    /// </summary>
    [Alias("GetSharedAccess"), AlwaysInterleave]
    Task<SharedAccess> GetSharedAccess();

    /// <summary>
    /// Takes over the shares an older Lector kept in the document's own state. Only the first hand-over counts, so one
    /// repeated after a crash cannot bring back a share revoked since. Interleaves: the document hands over while it
    /// activates, which this grain may be waiting for.
    /// </summary>
    [Alias("AdoptLegacyShares"), AlwaysInterleave]
    Task<SharedAccess> AdoptLegacyShares(IReadOnlyList<ShareInfo> shares);

    /// <summary>The document changed: brings its row in the shared-with-me list of everyone it is shared with up to date.</summary>
    [Alias("OnDocumentChanged")]
    Task OnDocumentChanged(string ownerId, DocumentSummary summary);

    /// <summary>The document is being deleted: removes every share and its shared-with-me row. Repeatable, so a resumed delete runs it again.</summary>
    [Alias("RemoveAll")]
    Task RemoveAll();
}
