using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Links;
using Lector.WebFront.Errors;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;
using Lector.WebFront.Ui;

namespace Lector.WebFront.Endpoints;

/// <summary>
/// What anyone holding a public link reaches: its listening page and the few reads that page makes, all of one
/// document. The link's secret is the only authorization: no cookie or token is looked at, so a signed-in visitor
/// sees exactly what anyone else sees. A secret that opens nothing answers 404 <c>link.not_found</c>.
/// </summary>
public static class PublicReadingEndpoints
{
    public const string ListenPath = "/listen";

    private const string Policy = "public-links";

    public static void MapPublicReadingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet($"{ListenPath}/{{secret}}", ListenPage).RateLimitedPerClient(Policy, l => l.PublicLinks).ExcludeFromDescription();

        var link = routes.MapGroup("/api/public/{secret}").WithTags("Public links").RateLimitedPerClient(Policy, l => l.PublicLinks);
        link.MapGet("/", Describe).WithSummary("Read what a public link shows").Produces<PublicDocumentView>().ProducesProblems(404);
        link.MapGet("/pages/{number}", Page).WithSummary("Read a page through a public link").Produces<PublicPageView>().ProducesProblems(400, 404);
        link.MapGet("/pages/{number}/audio", Audio).WithSummary("Ask for a page's audio through a public link").Produces<PublicAudioView>().ProducesProblems(400, 404, 409);
        link.MapGet("/pages/{number}/audio/content", Content).WithSummary("Play a page's audio through a public link").ProducesAudio().ProducesProblems(400, 404, 409);
        link.MapGet("/pages/{number}/audio/marks", Marks).WithSummary("Read a page's speech marks through a public link").Produces<IReadOnlyList<SpeechMark>>().ProducesProblems(400, 404, 409);
    }

    /// <summary>
    /// The page's own small HTML (its module reads the secret from the address): 200 while the link is live, 404 once
    /// it is not, when the same page tells the visitor that the link no longer works.
    /// </summary>
    private static async Task<IResult> ListenPage(string secret, HttpContext http, IClusterClient cluster)
    {
        var live = true;
        try
        {
            await Reader(cluster).Describe(secret);
        }
        catch (LectorException e) when (e.Kind == ErrorKind.NotFound)
        {
            live = false;
        }

        // The address is a credential: no cache keeps the page under it.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.StatusCode = live ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        return Results.Stream(UiExtensions.Files.GetFileInfo("listen.html").CreateReadStream(), "text/html; charset=utf-8");
    }

    private static async Task<IResult> Describe(string secret, HttpContext http, IClusterClient cluster)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(await Reader(cluster).Describe(secret));
    }

    private static async Task<IResult> Page(string secret, string number, HttpContext http, IClusterClient cluster)
    {
        if (!TryReadPage(number, out var page, out var input))
        {
            return input.Problem(http);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(await Reader(cluster).GetPage(secret, page));
    }

    /// <summary>The audio's state; asks for it (through the usual page-voice path) when there is none yet, so the page only needs to read.</summary>
    private static async Task<IResult> Audio(string secret, string number, HttpContext http, IClusterClient cluster)
    {
        if (!TryReadPage(number, out var page, out var input))
        {
            return input.Problem(http);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(await Reader(cluster).RequestAudio(secret, page));
    }

    private static async Task<IResult> Content(string secret, string number, HttpContext http, IClusterClient cluster, IBlobStore blobs)
    {
        if (!TryReadPage(number, out var page, out var input))
        {
            return input.Problem(http);
        }

        var content = await Reader(cluster).OpenContent(secret, page);
        return await StoredAudio.ServeAsync(http, blobs, content, downloadName: null, missingCode: "audio.not_found");
    }

    private static async Task<IResult> Marks(string secret, string number, HttpContext http, IClusterClient cluster, IBlobStore blobs)
    {
        if (!TryReadPage(number, out var page, out var input))
        {
            return input.Problem(http);
        }

        return await StoredAudio.ServeMarksAsync(http, blobs, await Reader(cluster).OpenMarks(secret, page));
    }

    private static bool TryReadPage(string raw, out int page, out RequestValidator input)
    {
        input = new RequestValidator();
        page = input.Int(raw, "number", 1, int.MaxValue, 0);
        return input.IsValid;
    }

    private static IPublicReaderGrain Reader(IClusterClient cluster) => cluster.Grain<IPublicReaderGrain>(0);
}
