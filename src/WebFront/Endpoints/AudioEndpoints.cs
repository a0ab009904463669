using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Batching;
using Lector.WebFront.Errors;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;
using Microsoft.OpenApi;

namespace Lector.WebFront.Endpoints;

public static class AudioEndpoints
{
    public sealed record AudioRequest([property: Text(1, VoiceInfo.MaxIdLength)] string? Voice);

    public static void MapAudioEndpoints(this IEndpointRouteBuilder routes)
    {
        var pageAudio = routes.MapGroup("/api/documents/{id}/pages/{number}/audio").WithTags("Audio").RequireSignedIn().RequireCsrfToken();
        pageAudio.MapPost("/", RequestForPage).WithSummary("Request a page's audio in a voice").RateLimitedPerUser("audio", l => l.Audio)
            .AuditWhenCreated("audio.generate", "audio", Audited.Created<AudioView>(a => a.Id))
            .Produces<AudioView>(StatusCodes.Status202Accepted).Produces<AudioView>().ProducesProblems(400, 404, 409).Validated();
        pageAudio.MapGet("/", ListForPage).WithSummary("List a page's audio").Produces<PageAudioList>().ProducesProblems(400, 404).Validated();

        var audio = routes.MapGroup("/api/audio/{audioId}").WithTags("Audio").RequireSignedIn().RequireCsrfToken();
        audio.MapGet("/", Get).WithSummary("Read an audio").Produces<AudioView>().ProducesProblems(404);
        audio.MapGet("/content", Content).WithSummary("Play or download an audio's bytes").Audit(StoredAudio.ContentAction("audio"), "audio", Audited.Route("audioId"))
            .WithQueryParameter("download", JsonSchemaType.Boolean, "true: answer with Content-Disposition: attachment.")
            .ProducesAudio().ProducesProblems(404, 409);
        audio.MapGet("/marks", Marks).WithSummary("Read an audio's speech marks").Produces<IReadOnlyList<SpeechMark>>().ProducesProblems(404, 409);
        audio.MapPost("/retry", Retry).WithSummary("Retry a failed audio").RateLimitedPerUser("retries", l => l.Retries).Audit("audio.retry", "audio", Audited.Route("audioId"))
            .Produces<AudioView>(StatusCodes.Status202Accepted).ProducesProblems(404, 409);
        audio.MapDelete("/", Delete).WithSummary("Delete an audio").Audit("audio.delete", "audio", Audited.Route("audioId"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404);
    }

    private static async Task<IResult> RequestForPage(string id, [PageNumber] string number, AudioRequest body, HttpContext http, PageAudioRequests requests)
    {
        var page = PageNumberAttribute.Parse(number);
        var voice = body.Voice!.Trim();
        if (!DocumentEndpoints.IsDocumentId(id))
        {
            throw LectorException.NotFound("document.not_found");
        }

        var result = await requests.RequestAsync(http.User.UserId(), new AudioKey(id, page, voice));
        return result.Created
            ? Results.Accepted($"/api/audio/{result.Audio.Id}", result.Audio)
            : Results.Ok(result.Audio);
    }

    private static async Task<IResult> ListForPage(string id, [PageNumber] string number, HttpContext http, IClusterClient cluster)
    {
        var page = PageNumberAttribute.Parse(number);
        if (!DocumentEndpoints.IsDocumentId(id))
        {
            throw LectorException.NotFound("document.not_found");
        }

        return Results.Ok(await cluster.Grain<IDocumentGrain>(id).GetPageAudio(http.User.UserId(), page));
    }

    private static async Task<IResult> Get(string audioId, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Audio(cluster, audioId).Get(http.User.UserId()));

    private static async Task<IResult> Content(string audioId, HttpContext http, IClusterClient cluster, IBlobStore blobs)
    {
        // OpenContent checks the caller's access; only then is the blob handed out, by redirect or by stream.
        var content = await Audio(cluster, audioId).OpenContent(http.User.UserId());
        return await StoredAudio.ServeOrDownloadAsync(http, blobs, content, audioId, "audio.not_found");
    }

    private static async Task<IResult> Marks(string audioId, HttpContext http, IClusterClient cluster, IBlobStore blobs)
    {
        var marksBlobKey = await Audio(cluster, audioId).OpenMarks(http.User.UserId());
        return await StoredAudio.ServeMarksAsync(http, blobs, marksBlobKey);
    }

    private static async Task<IResult> Retry(string audioId, HttpContext http, IClusterClient cluster)
    {
        var audio = await Audio(cluster, audioId).Retry(http.User.UserId());
        return Results.Accepted($"/api/audio/{audio.Id}", audio);
    }

    private static async Task<IResult> Delete(string audioId, HttpContext http, IClusterClient cluster)
    {
        await Audio(cluster, audioId).Delete(http.User.UserId());
        return Results.NoContent();
    }

    private static IPageVoiceGrain Audio(IClusterClient cluster, string audioId) =>
        AudioKey.TryParsePublicId(audioId, out var key)
            ? cluster.Grain<IPageVoiceGrain>(key.Value.GrainKey)
            : throw LectorException.NotFound("audio.not_found");
}
