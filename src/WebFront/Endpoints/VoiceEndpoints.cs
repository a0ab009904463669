using Lector.Abstractions.Audio;

namespace Lector.WebFront.Endpoints;

public static class VoiceEndpoints
{
    public static void MapVoiceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/voices", List).WithTags("Voices").RequireAuthorization();
    }

    private static async Task<IResult> List(string? language, string? engine, IClusterClient cluster)
    {
        var voices = await cluster.GetGrain<IVoiceCatalogGrain>(0).ListVoices();
        return Results.Ok(voices.Where(v =>
            (string.IsNullOrEmpty(language) || v.Language.StartsWith(language, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(engine) || v.Engine.Equals(engine, StringComparison.OrdinalIgnoreCase))));
    }
}
