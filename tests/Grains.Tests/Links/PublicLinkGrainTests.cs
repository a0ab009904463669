using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Links;
using Lector.Abstractions.Sharing;
using Lector.Grains.Tests.Lifecycle;

namespace Lector.Grains.Tests.Links;

/// <summary>Public links with a clock the tests move: their end, their bounds, and what ends them besides.</summary>
public sealed class PublicLinkGrainTests(LifecycleClusterFixture fixture) : IClassFixture<LifecycleClusterFixture>
{
    private const string Voice = "local:en-us";

    private IPublicReaderGrain Reader => fixture.Client.GetGrain<IPublicReaderGrain>(0);

    [Fact]
    public async Task A_link_opens_its_document_until_its_end_and_one_made_without_an_end_lives_a_week()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "A page that is public for an hour.");
        var links = fixture.Client.GetGrain<IDocumentLinksGrain>(documentId);
        var hour = await links.Create(owner, Voice, fixture.Time.GetUtcNow().AddHours(1));

        var view = await Reader.Describe(hour.Secret);
        Assert.Equal("Test", view.Title);
        Assert.Equal(Voice, view.Voice);
        Assert.Equal(text, (await Reader.GetPage(hour.Secret, 1)).Text);

        fixture.Time.Advance(TimeSpan.FromMinutes(61));

        await AssertNoLinkAsync(Reader.Describe(hour.Secret));
        await AssertNoLinkAsync(Reader.GetPage(hour.Secret, 1));
        Assert.Empty(await links.List(owner));
        var next = await links.Create(owner, Voice, expiresAt: null);
        Assert.Equal(next.Link.Id, Assert.Single(await links.List(owner)).Id);
        Assert.Equal(fixture.Time.GetUtcNow().Add(PublicLinkLimits.DefaultLifetime).DateTime, next.Link.ExpiresAt.DateTime, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task An_end_must_lie_in_the_future_and_within_a_year_and_a_document_holds_a_bounded_number_of_live_links()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "A page linked many times.");
        var links = fixture.Client.GetGrain<IDocumentLinksGrain>(documentId);
        var now = fixture.Time.GetUtcNow();

        Assert.Equal("link.expiry_not_future", (await Assert.ThrowsAsync<LectorException>(() => links.Create(owner, Voice, now.AddMinutes(-1)))).Code);
        Assert.Equal("link.expiry_too_far", (await Assert.ThrowsAsync<LectorException>(() => links.Create(owner, Voice, now.Add(PublicLinkLimits.MaxLifetime).AddHours(1)))).Code);
        Assert.Equal("voice.not_found", (await Assert.ThrowsAsync<LectorException>(() => links.Create(owner, "local:xx-nowhere", null))).Code);
        await links.Create(owner, Voice, now.Add(PublicLinkLimits.MaxLifetime).AddMinutes(-1));
        for (var i = 1; i < PublicLinkLimits.MaxLinks; i++)
        {
            await links.Create(owner, Voice, null);
        }

        var tooMany = await Assert.ThrowsAsync<LectorException>(() => links.Create(owner, Voice, null));
        Assert.Equal(ErrorKind.Conflict, tooMany.Kind);
        Assert.Equal("link.too_many", tooMany.Code);
        Assert.Equal(PublicLinkLimits.MaxLinks, (await links.List(owner)).Count);

        // Once they have all expired, they make room: the next link is the only one listed.
        fixture.Time.Advance(PublicLinkLimits.MaxLifetime);
        var fresh = await links.Create(owner, Voice, null);
        Assert.Equal(fresh.Link.Id, Assert.Single(await links.List(owner)).Id);
    }

    [Fact]
    public async Task A_link_ends_with_its_document_and_with_its_maker_s_right_to_share()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "A page passed on by a sharer.");
        var sharer = await TestAccounts.RegisterAsync(fixture.Client, "Sharer");
        await fixture.Client.GetGrain<IDocumentSharingGrain>(documentId).Share(owner, sharer.Email, Permission.Share);
        var links = fixture.Client.GetGrain<IDocumentLinksGrain>(documentId);
        var sharers = await links.Create(sharer.Id, Voice, null);
        var owners = await links.Create(owner, Voice, null);
        Assert.Equal(2, (await links.List(sharer.Id)).Count);

        await fixture.Client.GetGrain<IDocumentSharingGrain>(documentId).ChangeShare(owner, sharer.Id, Permission.Collaborate);

        await AssertNoLinkAsync(Reader.Describe(sharers.Secret));
        await Reader.Describe(owners.Secret);
        Assert.Equal("document.not_found", (await Assert.ThrowsAsync<LectorException>(() => links.List(sharer.Id))).Code);

        await fixture.Client.GetGrain<IDocumentGrain>(documentId).Delete(owner);

        await AssertNoLinkAsync(Reader.Describe(owners.Secret));
        Assert.Null(await LinkOf(owners).Resolve());
        Assert.Null(await LinkOf(sharers).Resolve());
    }

    private IPublicLinkGrain LinkOf(IssuedPublicLink link) => fixture.Client.GetGrain<IPublicLinkGrain>(Secrets.Hash(link.Secret));

    private static async Task AssertNoLinkAsync(Task call)
    {
        var refused = await Assert.ThrowsAsync<LectorException>(() => call);
        Assert.Equal(ErrorKind.NotFound, refused.Kind);
        Assert.Equal("link.not_found", refused.Code);
    }
}
