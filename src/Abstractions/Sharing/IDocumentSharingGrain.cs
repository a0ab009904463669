using Lector.Abstractions.Documents;

namespace Lector.Abstractions.Sharing;

/// <summary>
/// Who a document is shared with, keyed by document id: the share records and the rules for changing them.
/// Every method checks the caller's access and answers <c>document.not_found</c> to callers without it.
/// </summary>
[Alias("Lector.IDocumentSharingGrain")]
public interface IDocumentSharingGrain : IGrainWithStringKey
{
    /// <summary>Shares with the user of <paramref name="email"/>; a sharer never grants more than it has.</summary>
    [Alias("Share")]
    Task<ShareResult> Share(string callerId, string email, Permission permission);

    [Alias("ListShares")]
    Task<IReadOnlyList<ShareInfo>> ListShares(string callerId);

    [Alias("ChangeShare")]
    Task<ShareInfo> ChangeShare(string callerId, string userId, Permission permission);

    /// <summary>Revokes a share; the person shared with may also leave on their own.</summary>
    [Alias("Unshare")]
    Task Unshare(string callerId, string userId);
}
