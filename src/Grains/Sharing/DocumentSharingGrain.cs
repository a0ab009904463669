using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Notifications;
using Lector.Abstractions.Sharing;
using Lector.Grains.Documents;

namespace Lector.Grains.Sharing;

/// <summary>
/// A document's shares, keyed by document id. The document grain keeps a copy of who may use it in memory, so checking
/// access costs no call here: every stored change is pushed to the document before the caller is answered, so a revoked
/// share stops working at once, and each activation pushes again in case the last one's silo died between the two.
/// </summary>
public sealed class DocumentSharingGrain(
    [PersistentState("documentSharing")] IPersistentState<DocumentSharingState> state,
    TimeProvider time) : Grain, IDocumentSharingGrain, IDocumentSharingMaintenanceGrain
{
    // A hand-over of legacy shares interleaves with other turns; their writes must not overlap.
    private readonly SerializedWrites _writes = new();

    // What is stored, never a change still being written: the document may read it in the middle of a turn.
    private SharedAccess _stored = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = Snapshot();
        if (state.RecordExists)
        {
            // Not awaited: the document may be activating and waiting on this grain.
            Document.ApplySharedAccess(_stored).Ignore();
        }

        return Task.CompletedTask;
    }

    private string DocumentId => this.GetPrimaryKeyString();

    private Dictionary<string, ShareRecord> Shares => state.State.Shares;

    private ISharedDocumentGrain Document => GrainFactory.Grain<ISharedDocumentGrain>(DocumentId);

    public async Task<ShareResult> Share(string callerId, string email, Permission permission)
    {
        var (document, own) = await RequireAsync(callerId, Permission.Share);
        EnsureGrantable(own, permission);
        var userId = await GrainFactory.Grain<IAccountGrain>(email).GetUserId() ?? throw LectorException.NotFound("share.user_not_found");
        if (userId == document.OwnerId)
        {
            throw LectorException.Invalid("email", "share.with_owner");
        }

        var created = !Shares.TryGetValue(userId, out var share);
        if (share is null)
        {
            var profile = await GrainFactory.Grain<IUserGrain>(userId).GetProfile() ?? throw LectorException.NotFound("share.user_not_found");
            share = new ShareRecord { Email = profile.Email, DisplayName = profile.DisplayName, SharedAt = time.GetUtcNow() };
            Shares[userId] = share;
        }
        else
        {
            EnsureManageable(callerId, own, document.OwnerId, share, "email");
        }

        share.Permission = permission;
        share.GrantedBy = callerId;
        await SaveAndPublishAsync(document.OwnerId, userId);
        if (created)
        {
            await NotifySharedAsync(callerId, userId, permission, document.Title);
        }

        return new ShareResult(share.ToInfo(userId, document.OwnerId), created);
    }

    public async Task<IReadOnlyList<ShareInfo>> ListShares(string callerId)
    {
        var (document, _) = await RequireAsync(callerId, Permission.Share);
        return [.. Shares.OrderBy(s => s.Value.SharedAt).Select(s => s.Value.ToInfo(s.Key, document.OwnerId))];
    }

    public async Task<ShareInfo> ChangeShare(string callerId, string userId, Permission permission)
    {
        var (document, own) = await RequireAsync(callerId, Permission.Share);
        EnsureGrantable(own, permission);
        var share = Shares.GetValueOrDefault(userId) ?? throw LectorException.NotFound("share.not_found");
        EnsureManageable(callerId, own, document.OwnerId, share, "permission");
        share.Permission = permission;
        share.GrantedBy = callerId;
        await SaveAndPublishAsync(document.OwnerId, userId);
        return share.ToInfo(userId, document.OwnerId);
    }

    public async Task Unshare(string callerId, string userId)
    {
        // Anyone may leave a document shared with them; revoking someone else takes share permission.
        var leaving = callerId == userId;
        var (document, own) = await RequireAsync(callerId, leaving ? Permission.View : Permission.Share);
        var share = Shares.GetValueOrDefault(userId) ?? throw LectorException.NotFound("share.not_found");
        if (!leaving)
        {
            EnsureManageable(callerId, own, document.OwnerId, share, "userId");
        }

        Shares.Remove(userId);
        await SaveAndPublishAsync(document.OwnerId, userId);
    }

    public Task<SharedAccess> GetSharedAccess() => Task.FromResult(_stored);

    public async Task<SharedAccess> AdoptLegacyShares(IReadOnlyList<ShareInfo> shares)
    {
        if (!state.State.LegacySharesAdopted)
        {
            foreach (var share in shares)
            {
                Shares.TryAdd(share.UserId, ShareRecord.From(share));
            }

            state.State.LegacySharesAdopted = true;
            await SaveAsync();
        }

        return _stored;
    }

    public async Task OnDocumentChanged(string ownerId, DocumentSummary summary)
    {
        if (Shares.Count > 0)
        {
            var owner = await OwnerAsync(ownerId);
            await Task.WhenAll(Shares.Select(s => SharedWithMe(s.Key).Upsert(Row(summary, owner, s.Value))));
        }
    }

    public async Task RemoveAll()
    {
        // Rows first, then the records that say whose rows to remove, so a delete resumed after a crash finds them again.
        await Task.WhenAll(Shares.Keys.Select(userId => SharedWithMe(userId).Remove(DocumentId)));
        if (state.RecordExists)
        {
            await _writes.RunAsync(state.ClearStateAsync);
        }

        DeactivateOnIdle();
    }

    /// <summary>The document (it exists and is not being deleted) and the caller's permission on it, or not-found.</summary>
    private async Task<(DocumentReference Document, Permission Own)> RequireAsync(string callerId, Permission required)
    {
        var document = await GrainFactory.Grain<IDocumentGrain>(DocumentId).Describe();
        var permission = document is null ? Permission.None
            : document.OwnerId == callerId ? Permission.Owner
            : Shares.GetValueOrDefault(callerId)?.Permission ?? Permission.None;
        DocumentAccess.Require(permission, required);
        return (document!, permission);
    }

    private static void EnsureGrantable(Permission own, Permission permission)
    {
        if (permission is not (Permission.View or Permission.Collaborate or Permission.Share))
        {
            throw LectorException.Invalid("permission", "share.invalid_permission");
        }

        if (own != Permission.Owner && permission > own)
        {
            throw LectorException.Invalid("permission", "share.exceeds_own_permission");
        }
    }

    /// <summary>
    /// The owner manages every share. Anyone else with share permission manages only the shares it granted (or last
    /// changed) itself and that do not exceed its own permission: never what the owner, or another sharer, decided.
    /// </summary>
    private static void EnsureManageable(string callerId, Permission own, string ownerId, ShareRecord share, string field)
    {
        if (own == Permission.Owner)
        {
            return;
        }

        if (share.GrantorOr(ownerId) != callerId)
        {
            throw LectorException.Invalid(field, "share.granted_by_other");
        }

        if (share.Permission > own)
        {
            throw LectorException.Invalid(field, "share.exceeds_own_permission");
        }
    }

    private async Task SaveAsync()
    {
        state.State.Version++;
        var snapshot = Snapshot();
        await _writes.RunAsync(state.WriteStateAsync);
        if (snapshot.Version > _stored.Version)
        {
            _stored = snapshot;
        }
    }

    /// <summary>Stores the change, tells the document before anyone is answered, then brings the user's shared-with-me row in line.</summary>
    private async Task SaveAndPublishAsync(string ownerId, string userId)
    {
        await SaveAsync();
        var summary = await Document.ApplySharedAccess(_stored);
        if (summary is not null && Shares.TryGetValue(userId, out var share))
        {
            await SharedWithMe(userId).Upsert(Row(summary, await OwnerAsync(ownerId), share));
        }
        else
        {
            await SharedWithMe(userId).Remove(DocumentId);
        }
    }

    private SharedAccess Snapshot() =>
        new(state.State.Version, Shares.ToDictionary(s => s.Key, s => s.Value.Permission));

    private ISharedWithMeGrain SharedWithMe(string userId) => GrainFactory.Grain<ISharedWithMeGrain>(userId);

    private async Task<DocumentOwner> OwnerAsync(string ownerId)
    {
        var owner = await GrainFactory.Grain<IUserGrain>(ownerId).GetProfile();
        return new DocumentOwner(ownerId, owner?.Email ?? "", owner?.DisplayName ?? "");
    }

    private static SharedDocumentSummary Row(DocumentSummary summary, DocumentOwner owner, ShareRecord share) =>
        new(summary.Id, summary.Title, summary.Status, summary.PageCount, summary.CreatedAt, summary.UpdatedAt, owner, share.Permission, share.SharedAt);

    private async Task NotifySharedAsync(string sharerId, string userId, Permission permission, string title)
    {
        var sharer = await GrainFactory.Grain<IUserGrain>(sharerId).GetProfile();
        var data = new Dictionary<string, string>
        {
            ["documentId"] = DocumentId,
            ["title"] = title,
            ["sharedBy"] = sharer?.DisplayName ?? "",
            ["permission"] = permission.ToString().ToLowerInvariant(),
        };
        await GrainFactory.Grain<INotificationInboxGrain>(userId).Add("document.shared", sharerId, $"{sharer?.DisplayName} shared \"{title}\" with you.", data);
    }
}
