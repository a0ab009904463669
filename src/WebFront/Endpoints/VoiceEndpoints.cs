using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.WebFront.Auth;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;

namespace Lector.WebFront.Endpoints;

public static class VoiceEndpoints
{
    /// <summary>The longest voice id accepted, as for audio requests.</summary>
    public static void MapVoiceEndpoints(this IEndpointRouteBuilder routes)
    {
        var voices = routes.MapGroup("/api/voices").WithTags("Voices").RequireSignedIn();
        voices.MapGet("/", List).WithSummary("List voices").Produces<IReadOnlyList<VoiceInfo>>();
        // A first preview of a voice is synthesis, so previews count against the same per-user limit as page audio.
        voices.MapGet("/{id}/preview", Preview).WithSummary("Hear a sample of a voice").ProducesAudio().ProducesProblems(404, 503).RateLimitedPerUser("audio", l => l.Audio);
    }

    private static async Task<IResult> List(string? language, string? engine, IClusterClient cluster)
    {
        var voices = await cluster.Grain<IVoiceCatalogGrain>(0).ListVoices();
        return Results.Ok(voices.Where(v =>
            (string.IsNullOrEmpty(language) || v.Language.StartsWith(language, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(engine) || v.Engine.Equals(engine, StringComparison.OrdinalIgnoreCase))));
    }

    private static async Task<IResult> Preview(string id, HttpContext http, IClusterClient cluster, IBlobStore blobs)
    {
        // No voice id is this long or holds control characters: such ids never become a grain.
        if (id.Length > VoiceInfo.MaxIdLength || id.Any(char.IsControl))
        {
            throw LectorException.NotFound("voice.not_found");
        }

        var preview = await cluster.Grain<IVoicePreviewGrain>(id).Open();
        return await StoredAudio.ServeAsync(http, blobs, preview, downloadName: null, missingCode: "voice.not_found");
    }
}
