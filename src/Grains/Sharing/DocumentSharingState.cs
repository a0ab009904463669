using Lector.Abstractions.Documents;
using Lector.Abstractions.Sharing;

namespace Lector.Grains.Sharing;

public sealed class DocumentSharingState
{
    /// <summary>Who else may use the document, by user id.</summary>
    public Dictionary<string, ShareRecord> Shares { get; set; } = [];

    /// <summary>Counts stored changes, so the document can tell a newer copy of <see cref="Shares"/> from one that arrived late.</summary>
    public long Version { get; set; }

    /// <summary>Set once the shares an older Lector kept in the document's state were taken over; a later hand-over is ignored.</summary>
    public bool LegacySharesAdopted { get; set; }
}

public sealed class ShareRecord
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public Permission Permission { get; set; }

    public DateTimeOffset SharedAt { get; set; }

    /// <summary>Who granted the share or last changed it; null for shares from before this was kept, which count as the owner's.</summary>
    public string? GrantedBy { get; set; }

    public static ShareRecord From(ShareInfo share) =>
        new() { Email = share.Email, DisplayName = share.DisplayName, Permission = share.Permission, SharedAt = share.SharedAt, GrantedBy = share.GrantedBy };

    public string GrantorOr(string ownerId) => GrantedBy ?? ownerId;

    public ShareInfo ToInfo(string userId, string ownerId) => new(userId, Email, DisplayName, Permission, SharedAt, GrantorOr(ownerId));
}
