using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Notifications;
using Lector.Abstractions.Sharing;
using Lector.Grains.Documents;
using Lector.Grains.Notifications;
using Lector.Grains.Sharing;
using Lector.Grains.Tests.Collections;

namespace Lector.Grains.Tests.Sharing;

/// <summary>
/// Shares live in the document's sharing grain; the document checks access against the copy that grain pushes to it.
/// The collections cluster, for its access to grain state as an older Lector or a crash left it.
/// </summary>
[Collection(CollectionClusterCollection.Name)]
public sealed class DocumentSharingGrainTests(CollectionClusterFixture fixture)
{
    private static readonly DateTimeOffset SharedAt = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_lowered_or_revoked_share_stops_working_at_once_whether_the_document_was_active_or_not()
    {
        var (owner, reader, document, sharing, text) = await DocumentAndReaderAsync("A page to share with a reader.");

        await sharing.Share(owner, reader.Email, Permission.Collaborate);
        Assert.Equal(Permission.Collaborate, await document.Authorize(reader.Id, Permission.Collaborate));

        // A document activated after the share reads it once; later changes reach that activation too.
        await fixture.DeactivateAllAsync();
        Assert.Equal(Permission.Collaborate, await document.Authorize(reader.Id, Permission.Collaborate));
        await sharing.ChangeShare(owner, reader.Id, Permission.View);
        await AssertNotFoundAsync(document.Authorize(reader.Id, Permission.Collaborate));
        Assert.Equal(Permission.View, await document.Authorize(reader.Id, Permission.View));

        // A change to the document reaches the reader's shared-with-me row.
        await document.UpdatePage(owner, 1, text + " Edited.");
        var row = Assert.Single((await SharedWithMe(reader.Id)).Items);
        Assert.Equal((await document.Get(owner)).UpdatedAt, row.UpdatedAt);
        Assert.Equal(Permission.View, row.Permission);

        await sharing.Unshare(owner, reader.Id);
        await AssertNotFoundAsync(document.Authorize(reader.Id, Permission.View));
        Assert.Empty((await SharedWithMe(reader.Id)).Items);
        await fixture.DeactivateAllAsync();
        await AssertNotFoundAsync(document.Authorize(reader.Id, Permission.View));
    }

    [Fact]
    public async Task The_owner_s_calls_never_activate_the_sharing_grain()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "Nobody else reads this.");
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        await fixture.DeactivateAllAsync();

        await document.Get(owner);
        await document.ListPages(owner, new PageRequest(1, 10));
        await document.Authorize(owner, Permission.Owner);

        var sharingGrain = fixture.Client.GetGrain<IDocumentSharingGrain>(documentId).GetGrainId();
        var activations = await fixture.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.Contains(activations, a => a.GrainId == document.GetGrainId());
        Assert.DoesNotContain(activations, a => a.GrainId == sharingGrain);
    }

    [Fact]
    public async Task Shares_an_older_document_state_held_move_to_the_sharing_grain_once_and_keep_working()
    {
        var (owner, reader, document, sharing, _) = await DocumentAndReaderAsync("A document from an older Lector.");
        await fixture.DeactivateAllAsync();
        var legacy = await StoredAsync(document);
        legacy.Shares[reader.Id] = new ShareRecord { Email = reader.Email, DisplayName = reader.DisplayName, Permission = Permission.Collaborate, SharedAt = SharedAt };
        await fixture.WriteGrainStateAsync(document, "document", legacy);

        Assert.Equal(Permission.Collaborate, await document.Authorize(reader.Id, Permission.Collaborate));
        Assert.Equal([new ShareInfo(reader.Id, reader.Email, reader.DisplayName, Permission.Collaborate, SharedAt, owner)], await sharing.ListShares(owner));
        Assert.Empty((await StoredAsync(document)).Shares);

        // The hand-over repeated, as after a crash before the document cleared its copy, cannot bring back a revoked share.
        await sharing.Unshare(owner, reader.Id);
        await fixture.DeactivateAllAsync();
        await fixture.WriteGrainStateAsync(document, "document", legacy);
        await AssertNotFoundAsync(document.Authorize(reader.Id, Permission.View));
        Assert.Empty(await sharing.ListShares(owner));
        Assert.Empty((await StoredAsync(document)).Shares);
    }

    [Fact]
    public async Task A_delete_resumed_after_a_crash_removes_every_share_and_shared_with_me_row()
    {
        var (owner, reader, document, sharing, _) = await DocumentAndReaderAsync("A document deleted while shared.");
        await sharing.Share(owner, reader.Email, Permission.View);
        Assert.Single((await SharedWithMe(reader.Id)).Items);

        // The silo died right after the delete was marked in the document's state.
        await fixture.DeactivateAllAsync();
        var marked = await StoredAsync(document);
        marked.Deleting = true;
        await fixture.WriteGrainStateAsync(document, "document", marked);
        await document.Resume();

        Assert.Empty((await SharedWithMe(reader.Id)).Items);
        Assert.False((await fixture.ReadGrainStateAsync<DocumentSharingState>(sharing, "documentSharing")).RecordExists);
        Assert.False((await fixture.ReadGrainStateAsync<DocumentState>(document, "document")).RecordExists);
        await AssertNotFoundAsync(sharing.ListShares(owner));
    }

    [Fact]
    public async Task A_sharer_changes_and_revokes_only_the_shares_it_granted_never_those_the_owner_made()
    {
        var (owner, sharer, _, sharing, _) = await DocumentAndReaderAsync("A document with a sharer.");
        var viewer = await RegisterAsync("Viewer");
        var friend = await RegisterAsync("Friend");
        await sharing.Share(owner, sharer.Email, Permission.Share);
        await sharing.Share(owner, viewer.Email, Permission.View);

        // The owner's grants, even below the sharer's own permission, are out of its reach; so is its own share.
        await AssertRefusedAsync("share.granted_by_other", sharing.ChangeShare(sharer.Id, viewer.Id, Permission.Collaborate));
        await AssertRefusedAsync("share.granted_by_other", sharing.Unshare(sharer.Id, viewer.Id));
        await AssertRefusedAsync("share.granted_by_other", sharing.Share(sharer.Id, viewer.Email, Permission.Share));
        await AssertRefusedAsync("share.granted_by_other", sharing.ChangeShare(sharer.Id, sharer.Id, Permission.View));

        // What it granted itself it manages, until the owner takes the grant over by changing it.
        var granted = (await sharing.Share(sharer.Id, friend.Email, Permission.View)).Share;
        Assert.Equal(sharer.Id, granted.GrantedBy);
        Assert.Equal(Permission.Collaborate, (await sharing.ChangeShare(sharer.Id, friend.Id, Permission.Collaborate)).Permission);
        Assert.Equal(owner, (await sharing.ChangeShare(owner, friend.Id, Permission.View)).GrantedBy);
        await AssertRefusedAsync("share.granted_by_other", sharing.Unshare(sharer.Id, friend.Id));

        var shares = (await sharing.ListShares(owner)).ToDictionary(s => s.UserId);
        Assert.Equal((Permission.View, owner), (shares[viewer.Id].Permission, shares[viewer.Id].GrantedBy));
        Assert.Equal((Permission.View, owner), (shares[friend.Id].Permission, shares[friend.Id].GrantedBy));
        Assert.Equal(Permission.Share, shares[sharer.Id].Permission);

        // Anyone may still leave.
        await sharing.Unshare(viewer.Id, viewer.Id);
        Assert.DoesNotContain(await sharing.ListShares(owner), s => s.UserId == viewer.Id);
    }

    [Fact]
    public async Task Sharing_and_unsharing_in_a_loop_notifies_the_reader_once()
    {
        var (owner, reader, _, sharing, _) = await DocumentAndReaderAsync("A document shared again and again.");

        for (var round = 0; round < 5; round++)
        {
            Assert.True((await sharing.Share(owner, reader.Email, Permission.View)).Created);
            await sharing.Unshare(owner, reader.Id);
        }

        var notification = Assert.Single((await fixture.Client.GetGrain<INotificationInboxGrain>(reader.Id).List(new PageRequest(1, 10))).Items);
        Assert.Equal("document.shared", notification.Kind);
        Assert.Equal("5", notification.Data[NotificationInboxGrain.CountKey]);
    }

    /// <summary>An owner's ready document, its sharing grain, and a registered reader it is not yet shared with.</summary>
    private async Task<(string Owner, UserProfile Reader, IDocumentGrain Document, IDocumentSharingGrain Sharing, string Text)> DocumentAndReaderAsync(string text)
    {
        var (owner, documentId, pageText) = await TestDocuments.CreateAsync(fixture.Client, text);
        var reader = await RegisterAsync("Reader");
        return (owner, reader, fixture.Client.GetGrain<IDocumentGrain>(documentId), fixture.Client.GetGrain<IDocumentSharingGrain>(documentId), pageText);
    }

    private Task<UserProfile> RegisterAsync(string name) => TestAccounts.RegisterAsync(fixture.Client, name);

    private static async Task AssertRefusedAsync(string code, Task call) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<LectorException>(() => call)).Code);

    private async Task<DocumentState> StoredAsync(IDocumentGrain document) =>
        (await fixture.ReadGrainStateAsync<DocumentState>(document, "document")).State ?? throw new InvalidOperationException("The document has no state.");

    private Task<PagedResult<SharedDocumentSummary>> SharedWithMe(string userId) =>
        fixture.Client.GetGrain<ISharedWithMeGrain>(userId).List(new PageRequest(1, 10));

    private static Task AssertNotFoundAsync(Task call) => AssertRefusedAsync("document.not_found", call);
}
