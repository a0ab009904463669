using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Lector.Testing;
using Microsoft.Extensions.Logging;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>
/// Private podcast feeds over HTTP, read as a podcast app reads them: by a real RSS parser (and the iTunes rules checked
/// on the XML), with no cookie or header, enclosures fetched whole and in ranges; revocation, access, updates and
/// the secret's absence from logs and audit.
/// </summary>
[Collection(PodcastAppCollection.Name)]
public sealed class PodcastEndpointsTests(PodcastAppFixture fixture)
{
    private const string Voice = "local:en-us";
    private const string Title = ExportEndpointsTests.Title;
    private static readonly XNamespace ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    private LectorApp App => fixture.App;

    [Fact]
    public async Task A_podcast_app_reads_one_episode_per_chapter_in_order_and_downloads_each_without_cookies_and_with_ranges()
    {
        var user = await ApiUser.CreateAsync(App);
        var id = await ExportEndpointsTests.UploadAsync(user, ExportEndpointsTests.Epub(), "book.epub");
        var chapters = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/chapters")).EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();
        Assert.Equal(3, chapters.Count);
        var created = await CreateFeedAsync(user, id);
        var url = created.GetProperty("url").GetString()!;
        Assert.StartsWith(App.BaseAddress.ToString().TrimEnd('/') + "/podcasts/", url, StringComparison.Ordinal);

        using var app = PodcastApp();
        var (feed, xml) = await WaitForEpisodesAsync(app, url, chapters.Count);

        Assert.Equal(Title, feed.Title.Text);
        Assert.Equal("en", feed.Language);
        Assert.False(string.IsNullOrWhiteSpace(feed.Description.Text));
        Assert.Equal(chapters, feed.Items.Select(i => i.Title.Text));
        var channel = xml.Root!.Element("channel")!;
        Assert.False(string.IsNullOrWhiteSpace(channel.Element(ITunes + "author")?.Value));
        Assert.Equal("false", channel.Element(ITunes + "explicit")?.Value);
        Assert.Equal("serial", channel.Element(ITunes + "type")?.Value);
        var items = channel.Elements("item").ToList();
        Assert.Equal(["1", "2", "3"], items.Select(i => i.Element(ITunes + "episode")?.Value));
        Assert.All(items, i => Assert.Equal("false", i.Element("guid")?.Attribute("isPermaLink")?.Value));
        Assert.Equal(3, feed.Items.Select(i => i.Id).Distinct().Count());

        foreach (var (item, element) in feed.Items.Zip(items))
        {
            var enclosure = Assert.Single(item.Links, l => l.RelationshipType == "enclosure");
            Assert.Equal("audio/mpeg", enclosure.MediaType);
            var response = await app.GetAsync(enclosure.Uri);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("bytes", response.Headers.AcceptRanges);
            Assert.NotNull(response.Headers.ETag);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(enclosure.Length, bytes.Length);
            var probed = await FfProbe.ReadAsync(bytes);
            Assert.Equal("mp3", probed.AudioCodec);
            var durationSeconds = long.Parse(element.Element(ITunes + "duration")!.Value, CultureInfo.InvariantCulture);
            Assert.InRange(probed.DurationMs / 1000, durationSeconds - 1.5, durationSeconds + 1.5);
            await RangeAssert.ServesFirstHundredBytes(app, enclosure.Uri.PathAndQuery, bytes);
            using var head = await app.SendAsync(new HttpRequestMessage(HttpMethod.Head, enclosure.Uri));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(enclosure.Length, head.Content.Headers.ContentLength);
        }

        // Read again: the same episodes, under the same GUIDs and enclosures; and an unchanged feed answers 304.
        var again = await app.GetAsync(url);
        var (feedAgain, _) = Parse(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(feed.Items.Select(i => i.Id), feedAgain.Items.Select(i => i.Id));
        Assert.Equal(feed.Items.Select(EnclosureUrl), feedAgain.Items.Select(EnclosureUrl));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(again.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await app.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task A_document_without_chapters_has_an_episode_per_page_and_an_edited_page_gets_a_new_enclosure_under_the_same_guid()
    {
        var user = await ApiUser.CreateAsync(App);
        var id = await user.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, 2).Select(DocumentEndpointsTests.Paragraph)), Title);
        var pages = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}")).GetProperty("pageCount").GetInt32();
        Assert.True(pages >= 2, "the text should fill two pages");
        var url = (await CreateFeedAsync(user, id)).GetProperty("url").GetString()!;
        using var app = PodcastApp();
        var (before, _) = await WaitForEpisodesAsync(app, url, pages);
        Assert.Equal(Enumerable.Range(1, pages).Select(n => $"Page {n}"), before.Items.Select(i => i.Title.Text));

        var edited = $"The first page was rewritten, version {Guid.NewGuid():N}.";
        (await user.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = edited })).EnsureSuccessStatusCode();
        var after = await WaitForFeedAsync(app, url, f => EnclosureUrl(f.Items.First()) != EnclosureUrl(before.Items.First()));

        Assert.Equal(before.Items.Select(i => i.Id), after.Items.Select(i => i.Id));
        Assert.True(after.Items.First().PublishDate > before.Items.Last().PublishDate, "the rebuilt episode is dated after the others");
        Assert.True(after.LastUpdatedTime > before.LastUpdatedTime);
        Assert.Equal(before.Items.Skip(1).Select(EnclosureUrl), after.Items.Skip(1).Select(EnclosureUrl));
        Assert.Equal(1, App.Engine.CallsFor(edited));
        var newEpisode = await app.GetByteArrayAsync(EnclosureUrl(after.Items.First()));
        Assert.Equal(Assert.Single(after.Items.First().Links, l => l.RelationshipType == "enclosure").Length, newEpisode.Length);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync(EnclosureUrl(before.Items.First()))).StatusCode);
    }

    [Fact]
    public async Task A_chapter_whose_next_one_starts_on_the_same_page_has_no_episode_and_no_page_is_read_twice()
    {
        var user = await ApiUser.CreateAsync(App);
        var pdf = new TestPdf()
            .Lines(60, "An opening page, read before the first bookmark ends.")
            .Lines(60, "The opening goes on over a second page.")
            .Lines(60, "The closing chapter has a page of its own.")
            .Bookmark("Opening", 1)
            .Bookmark("Interlude", 3)
            .Bookmark("Closing", 3)
            .ToBytes();
        var id = await ExportEndpointsTests.UploadAsync(user, pdf, "book.pdf");
        Assert.Equal(3, (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/chapters")).GetArrayLength());
        var url = (await CreateFeedAsync(user, id)).GetProperty("url").GetString()!;
        using var app = PodcastApp();

        var (feed, xml) = await WaitForEpisodesAsync(app, url, 2);

        Assert.Equal(["Opening", "Closing"], feed.Items.Select(i => i.Title.Text));
        Assert.Equal(["1", "2"], xml.Root!.Element("channel")!.Elements("item").Select(i => i.Element(ITunes + "episode")?.Value));
        Assert.Equal(2, feed.Items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_revoked_feed_and_its_enclosures_answer_404_and_a_deleted_document_takes_its_feeds_and_episodes_along()
    {
        var user = await ApiUser.CreateAsync(App);
        var id = await user.CreateDocumentAsync("One short page, read as a podcast.", Title);
        var created = await CreateFeedAsync(user, id);
        var feedId = created.GetProperty("id").GetString()!;
        var url = created.GetProperty("url").GetString()!;
        using var app = PodcastApp();
        var (feed, _) = await WaitForEpisodesAsync(app, url, 1);
        var enclosure = EnclosureUrl(feed.Items.Single());
        var kept = (await CreateFeedAsync(user, id)).GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{id}/feeds/{feedId}")).StatusCode);

        await ProblemAssert.IsProblem(await app.GetAsync(url), HttpStatusCode.NotFound, "feed.not_found");
        await ProblemAssert.IsProblem(await app.GetAsync(enclosure), HttpStatusCode.NotFound, "feed.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.DeleteAsync($"/api/documents/{id}/feeds/{feedId}"), HttpStatusCode.NotFound, "feed.not_found");
        Assert.DoesNotContain(feedId, (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/feeds")).EnumerateArray().Select(f => f.GetProperty("id").GetString()));

        // The other feed of the document and voice still reads the same episode.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync(kept)).StatusCode);
        Assert.NotEmpty(EpisodeBlobs(id));
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{id}")).StatusCode);
        await ProblemAssert.IsProblem(await app.GetAsync(kept), HttpStatusCode.NotFound, "feed.not_found");
        Assert.Empty(EpisodeBlobs(id));
    }

    [Fact]
    public async Task Collaborators_make_feeds_owners_see_and_revoke_them_all_and_a_feed_reads_only_while_its_maker_may_collaborate()
    {
        var owner = await ApiUser.CreateAsync(App);
        var collaborator = await ApiUser.CreateAsync(App);
        var viewer = await ApiUser.CreateAsync(App);
        var stranger = await ApiUser.CreateAsync(App);
        var id = await owner.CreateDocumentAsync("A shared page, read as a podcast.", Title);
        await ExportEndpointsTests.ShareAsync(owner, id, collaborator, "collaborate");
        await ExportEndpointsTests.ShareAsync(owner, id, viewer, "view");

        await ProblemAssert.IsProblem(await viewer.Bearer.PostAsJsonAsync($"/api/documents/{id}/feeds", new { voice = Voice }), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.PostAsJsonAsync($"/api/documents/{id}/feeds", new { voice = Voice }), HttpStatusCode.NotFound, "document.not_found");
        var collaborators = await CreateFeedAsync(collaborator, id);
        var owners = await CreateFeedAsync(owner, id);
        var collaboratorsId = collaborators.GetProperty("id").GetString()!;

        Assert.Equal([owners.GetProperty("id").GetString(), collaboratorsId], await FeedIdsAsync(owner, id));
        Assert.Equal([collaboratorsId], await FeedIdsAsync(collaborator, id));
        Assert.Empty(await FeedIdsAsync(viewer, id));
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/documents/{id}/feeds"), HttpStatusCode.NotFound, "document.not_found");
        var listed = (await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/feeds")).EnumerateArray().First();
        Assert.False(listed.TryGetProperty("url", out _));
        Assert.DoesNotContain(Secret(owners), listed.GetRawText(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await viewer.Bearer.DeleteAsync($"/api/documents/{id}/feeds/{collaboratorsId}"), HttpStatusCode.NotFound, "feed.not_found");
        await ProblemAssert.IsProblem(await collaborator.Bearer.DeleteAsync($"/api/documents/{id}/feeds/{owners.GetProperty("id").GetString()}"), HttpStatusCode.NotFound, "feed.not_found");

        // A wrong secret, or a feed of another document, finds nothing.
        using var app = PodcastApp();
        var url = collaborators.GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync(url)).StatusCode);
        await ProblemAssert.IsProblem(await app.GetAsync(url.Replace(Secret(collaborators), Secret(owners), StringComparison.Ordinal)), HttpStatusCode.NotFound, "feed.not_found");
        await ProblemAssert.IsProblem(await app.GetAsync(url.Replace(Secret(collaborators), "lcf_" + new string('A', 43), StringComparison.Ordinal)), HttpStatusCode.NotFound, "feed.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.DeleteAsync($"/api/documents/{new string('0', 32)}/feeds/{collaboratorsId}"), HttpStatusCode.NotFound, "feed.not_found");

        // The collaborator's share ends: their feed stops reading; the owner's goes on.
        (await owner.Bearer.DeleteAsync($"/api/documents/{id}/shares/{collaborator.Id}")).EnsureSuccessStatusCode();
        await ProblemAssert.IsProblem(await app.GetAsync(url), HttpStatusCode.NotFound, "feed.not_found");
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync(owners.GetProperty("url").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Bearer.DeleteAsync($"/api/documents/{id}/feeds/{collaboratorsId}")).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_stable_codes_and_no_feed_is_made()
    {
        var user = await ApiUser.CreateAsync(App);
        var id = await user.CreateDocumentAsync("A page nobody subscribes to.", Title);

        var noVoice = await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/feeds", new { }), HttpStatusCode.BadRequest, "validation");
        Assert.True(noVoice.GetProperty("errors").TryGetProperty("voice", out _));
        var unknownVoice = await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/feeds", new { voice = "local:no-such-voice" }), HttpStatusCode.BadRequest, "validation");
        Assert.Equal("voice.not_found", unknownVoice.GetProperty("errors").GetProperty("voice")[0].GetString());
        await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync($"/api/documents/{new string('0', 32)}/feeds", new { voice = Voice }), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync("/api/documents/not-a-document/feeds", new { voice = Voice }), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.DeleteAsync($"/api/documents/{id}/feeds/not-a-feed"), HttpStatusCode.NotFound, "feed.not_found");
        using var app = PodcastApp();
        await ProblemAssert.IsProblem(await app.GetAsync($"/podcasts/{new string('0', 32)}/lcf_x/feed.rss"), HttpStatusCode.NotFound, "feed.not_found");
        await ProblemAssert.IsProblem(await app.GetAsync($"/podcasts/not-a-feed/{new string('x', 500)}/episodes/1-x.mp3"), HttpStatusCode.NotFound, "feed.not_found");

        Assert.Empty(await FeedIdsAsync(user, id));
    }

    [Fact]
    public async Task The_secret_reaches_no_log_line_and_no_audit_entry_though_its_feed_id_does()
    {
        var admin = await ApiUser.CreateAsync(App, PodcastAppFixture.AdminEmail);
        var user = await ApiUser.CreateAsync(App);
        var id = await user.CreateDocumentAsync("A page whose feed leaves no secret behind.", Title);
        var created = await CreateFeedAsync(user, id);
        var feedId = created.GetProperty("id").GetString()!;
        var secret = Secret(created);
        using var app = PodcastApp();
        var (feed, _) = await WaitForEpisodesAsync(app, created.GetProperty("url").GetString()!, 1);
        (await app.GetAsync(EnclosureUrl(feed.Items.Single()))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{id}/feeds/{feedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync(created.GetProperty("url").GetString())).StatusCode);

        var logged = string.Join('\n', fixture.Logs.Lines);
        Assert.Contains($"/podcasts/{feedId}/", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[4..], logged, StringComparison.Ordinal);
        var audit = await admin.Bearer.GetFromJsonAsync<JsonElement>($"/api/admin/audit?userId={user.Id}&pageSize=100");
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "feed.create" && e.GetProperty("targetId").GetString() == feedId);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "feed.revoke" && e.GetProperty("targetId").GetString() == feedId);
        Assert.DoesNotContain(secret[4..], audit.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>A podcast app: no cookies, no credentials, redirects followed.</summary>
    private HttpClient PodcastApp() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = true }) { BaseAddress = App.BaseAddress };

    private static async Task<JsonElement> CreateFeedAsync(ApiUser user, string id)
    {
        var response = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/feeds", new { voice = Voice });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Voice, created.GetProperty("voice").GetString());
        return created;
    }

    private static async Task<List<string?>> FeedIdsAsync(ApiUser user, string id) =>
        [.. (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/feeds")).EnumerateArray().Select(f => f.GetProperty("id").GetString())];

    /// <summary>The secret segment of a created feed's URL: <c>/podcasts/{id}/{secret}/feed.rss</c>.</summary>
    private static string Secret(JsonElement created)
    {
        var secret = new Uri(created.GetProperty("url").GetString()!).AbsolutePath.Split('/')[3];
        Assert.StartsWith("lcf_", secret, StringComparison.Ordinal);
        return secret;
    }

    private static string EnclosureUrl(SyndicationItem item) => item.Links.Single(l => l.RelationshipType == "enclosure").Uri.ToString();

    private IEnumerable<string> EpisodeBlobs(string documentId)
    {
        var folder = Path.Combine(App.DataDirectory, "blobs", "podcasts", documentId);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>
    /// Reads the feed until it is complete (its <c>ttl</c> is the long one, given once every episode is in), then checks
    /// it has <paramref name="count"/> episodes.
    /// </summary>
    private static async Task<(SyndicationFeed Feed, XDocument Xml)> WaitForEpisodesAsync(HttpClient app, string url, int count)
    {
        await WaitForFeedAsync(app, url, f => f.TimeToLive == TimeSpan.FromHours(6));
        var (feed, xml) = Parse(await app.GetByteArrayAsync(url));
        Assert.Equal(count, feed.Items.Count());
        return (feed, xml);
    }

    /// <summary>Reads the feed until <paramref name="done"/> holds; episodes are made at the engine's pace.</summary>
    private static async Task<SyndicationFeed> WaitForFeedAsync(HttpClient app, string url, Func<SyndicationFeed, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var response = await app.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
            var (feed, _) = Parse(await response.Content.ReadAsByteArrayAsync());
            if (done(feed))
            {
                return feed;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the feed still has {feed.Items.Count()} episodes");
            await Task.Delay(200);
        }
    }

    private static (SyndicationFeed Feed, XDocument Xml) Parse(byte[] rss)
    {
        using var reader = XmlReader.Create(new MemoryStream(rss));
        var feed = SyndicationFeed.Load(reader);
        return (feed, XDocument.Load(new MemoryStream(rss)));
    }
}

/// <summary>
/// A Lector host of its own for the feed tests: its logs captured at the level that records every request's path,
/// podcasts refreshed every second, and its feed rate limit out of the way (it has a test of its own).
/// </summary>
public sealed class PodcastAppFixture : IAsyncLifetime
{
    public const string AdminEmail = "podcast-admin@lector.test";

    public LectorApp App { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync() => App = await LectorApp.StartAsync(
        builder => builder.Logging.AddProvider(Logs),
        $"--Auth:AdminEmails={AdminEmail}",
        "--Logging:LogLevel:Default=Information",
        "--Logging:LogLevel:Microsoft.AspNetCore=Information",
        "--Podcasts:RefreshInterval=00:00:01",
        "--RateLimits:Feeds:Limit=100000");

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PodcastAppCollection : ICollectionFixture<PodcastAppFixture>
{
    public const string Name = "podcast app";
}
