using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;

namespace Lector.WebFront.Endpoints;

/// <summary>Whole-document synthesis in one voice: start (or join) the job, and read its progress.</summary>
public static class DocumentAudioEndpoints
{
    public static void MapDocumentAudioEndpoints(this IEndpointRouteBuilder routes)
    {
        var audio = routes.MapGroup("/api/documents/{id}/audio").WithTags("Audio").RequireSignedIn().RequireCsrfToken();
        audio.MapPost("/", Start).WithSummary("Start speaking a whole document in a voice").RateLimitedPerUser("audio", l => l.Audio).Audit("document_audio.generate", "document", Audited.Route("id"))
            .Produces<DocumentAudioProgress>(StatusCodes.Status202Accepted).ProducesProblems(400, 404, 409).Validated();
        audio.MapGet("/", Progress).WithSummary("Read a whole document's synthesis progress").Produces<DocumentAudioProgress>().ProducesProblems(400, 404);
    }

    private static async Task<IResult> Start(string id, AudioEndpoints.AudioRequest body, HttpContext http, IClusterClient cluster)
    {
        var voice = body.Voice!.Trim();
        var progress = await Job(cluster, id, voice).Start(http.User.UserId());
        return Results.Accepted($"/api/documents/{id}/audio?voice={Uri.EscapeDataString(voice)}", progress);
    }

    private static async Task<IResult> Progress(string id, string? voice, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var validVoice = input.Text(voice?.Trim(), "voice", 1, VoiceInfo.MaxIdLength);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        return Results.Ok(await Job(cluster, id, validVoice).GetProgress(http.User.UserId()));
    }

    private static IDocumentAudioJobGrain Job(IClusterClient cluster, string documentId, string voice) =>
        DocumentEndpoints.IsDocumentId(documentId)
            ? cluster.Grain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(documentId, voice))
            : throw LectorException.NotFound("document.not_found");
}
