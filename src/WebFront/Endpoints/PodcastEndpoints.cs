using System.Security.Cryptography;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Podcasts;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Lector.WebFront.Endpoints;

/// <summary>
/// Private podcast feeds: signed-in callers create, list and revoke them under their document; podcast apps read a
/// feed and its episodes at its secret URL, with no cookie or header. The secret is checked by the feed's grain; here
/// it only passes through, in the path, which logs and traces see scrubbed.
/// </summary>
public static class PodcastEndpoints
{
    public sealed record FeedRequest([property: Text(1, VoiceInfo.MaxIdLength)] string? Voice);

    /// <param name="Url">The feed's address for a podcast app: it carries the secret, shown this once.</param>
    public sealed record CreatedFeed(string Id, string Url, string DocumentId, string Voice, DateTimeOffset CreatedAt);

    /// <summary>Longer than any secret the feed grain makes; longer ones are refused unread.</summary>
    private const int MaxSecretLength = 64;

    public static void MapPodcastEndpoints(this IEndpointRouteBuilder routes)
    {
        var feeds = routes.MapGroup("/api/documents/{id}/feeds").WithTags("Podcast feeds").RequireSignedIn().RequireCsrfToken();
        feeds.MapPost("/", Create).WithSummary("Make a private podcast feed of a document in a voice").RateLimitedPerUser("audio", l => l.Audio)
            .Audit("feed.create", "feed", Audited.Created<CreatedFeed>(f => f.Id))
            .Produces<CreatedFeed>(StatusCodes.Status201Created).ProducesProblems(400, 404, 409).Validated();
        feeds.MapGet("/", List).WithSummary("List a document's podcast feeds").Produces<IReadOnlyList<PodcastFeedView>>().ProducesProblems(404);
        feeds.MapDelete("/{feedId}", Revoke).WithSummary("Revoke a podcast feed").Audit("feed.revoke", "feed", Audited.Route("feedId"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404);

        var podcast = routes.MapGroup("/podcasts/{feedId}/{secret}").WithTags("Podcast feeds").RateLimitedPerClient("feeds", l => l.Feeds);
        podcast.MapGet("/feed.rss", ReadFeed).WithSummary("Read a podcast feed (RSS 2.0 with the iTunes namespace)").Produces<string>(StatusCodes.Status200OK, PodcastRss.ContentType)
            .Produces(StatusCodes.Status304NotModified).ProducesProblems(404);
        podcast.MapGet("/episodes/{contentId}.mp3", ReadEpisode).WithSummary("Download a podcast episode").ProducesAudio("audio/mpeg").ProducesProblems(404);

        // Some apps and feed validators ask for the head of a feed or an enclosure first; the contract lists the GETs.
        podcast.MapMethods("/feed.rss", [HttpMethods.Head], ReadFeed).ExcludeFromDescription();
        podcast.MapMethods("/episodes/{contentId}.mp3", [HttpMethods.Head], ReadEpisode).ExcludeFromDescription();
    }

    private static async Task<IResult> Create(string id, FeedRequest body, HttpContext http, IClusterClient cluster)
    {
        EnsureDocumentId(id);
        var feedId = Guid.NewGuid().ToString("N");
        var created = await cluster.Grain<IPodcastFeedGrain>(feedId).Create(http.User.UserId(), id, body.Voice!.Trim());
        var feed = created.Feed;
        return Results.Json(
            new CreatedFeed(feed.Id, PublicUrl(http, $"{PodcastPath(feed.Id, created.Secret)}/feed.rss"), feed.DocumentId, feed.Voice, feed.CreatedAt),
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string id, HttpContext http, IClusterClient cluster)
    {
        EnsureDocumentId(id);
        return Results.Ok(await cluster.Grain<IDocumentPodcastFeedsGrain>(id).List(http.User.UserId()));
    }

    private static async Task<IResult> Revoke(string id, string feedId, HttpContext http, IClusterClient cluster)
    {
        EnsureDocumentId(id);
        await FeedGrain(cluster, feedId).Revoke(http.User.UserId(), id);
        return Results.NoContent();
    }

    private static async Task<IResult> ReadFeed(string feedId, string secret, HttpContext http, IClusterClient cluster)
    {
        var channel = await FeedGrain(cluster, feedId, secret).Read(secret) ?? throw LectorException.NotFound("feed.not_found");
        var feedPath = PodcastPath(feedId, secret);
        var rss = PodcastRss.Write(
            channel,
            PublicUrl(http, $"{feedPath}/feed.rss"),
            PublicUrl(http, "/"),
            episode => PublicUrl(http, $"{feedPath}/episodes/{episode.ContentId}.mp3"));

        // Apps poll: an unchanged feed answers 304 to the validator they kept.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(rss))[..20]}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "private, no-cache";
        return http.Request.Headers.IfNoneMatch.Contains(etag.ToString())
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(rss, PodcastRss.ContentType);
    }

    private static async Task<IResult> ReadEpisode(string feedId, string secret, string contentId, HttpContext http, IClusterClient cluster, IBlobStore blobs)
    {
        // The feed grain checks the secret and the feed; only then is the blob handed out, by redirect or by stream.
        var content = await FeedGrain(cluster, feedId, secret).OpenEpisode(secret, contentId) ?? throw LectorException.NotFound("feed.not_found");
        return await StoredAudio.ServeAsync(http, blobs, content, downloadName: null, "feed.not_found");
    }

    private static string PodcastPath(string feedId, string secret) => $"/podcasts/{feedId}/{Uri.EscapeDataString(secret)}";

    /// <summary>
    /// An absolute URL for podcast apps: under <c>WebFront:PublicBaseUrl</c> when it is set, otherwise where this request
    /// came (the creator's own request, or the app reading the feed at that address).
    /// </summary>
    private static string PublicUrl(HttpContext http, string path)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<WebFrontOptions>>().Value.PublicBaseUrl;
        var root = string.IsNullOrEmpty(configured) ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : configured.TrimEnd('/');
        return root + path;
    }

    private static void EnsureDocumentId(string id)
    {
        if (!DocumentEndpoints.IsDocumentId(id))
        {
            throw LectorException.NotFound("document.not_found");
        }
    }

    /// <summary>Feed ids have the shape of document ids; anything else names no feed.</summary>
    private static IPodcastFeedGrain FeedGrain(IClusterClient cluster, string feedId) =>
        DocumentEndpoints.IsDocumentId(feedId) ? cluster.Grain<IPodcastFeedGrain>(feedId) : throw LectorException.NotFound("feed.not_found");

    private static IPodcastFeedGrain FeedGrain(IClusterClient cluster, string feedId, string secret) =>
        secret.Length <= MaxSecretLength ? FeedGrain(cluster, feedId) : throw LectorException.NotFound("feed.not_found");
}
