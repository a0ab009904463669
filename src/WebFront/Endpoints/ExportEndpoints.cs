using System.ComponentModel.DataAnnotations;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Exports;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;
using Microsoft.OpenApi;

namespace Lector.WebFront.Endpoints;

/// <summary>Whole-document audio files (M4B or MP3 with chapters): ask for one, list, read, fetch with ranges, remove.</summary>
public static class ExportEndpoints
{
    /// <param name="Format"><c>m4b</c> or <c>mp3</c>.</param>
    public sealed record CreateExportRequest([property: Text(1, VoiceInfo.MaxIdLength)] string? Voice, string? Format) : IValidatableObject
    {
        public bool TryGetFormat(out ExportFormat format) => ExportFormats.TryParse(Format?.Trim().ToLowerInvariant(), out format);

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
            TryGetFormat(out _) ? [] : [new ValidationResult("Must be m4b or mp3.", [nameof(Format)])];
    }

    public static void MapExportEndpoints(this IEndpointRouteBuilder routes)
    {
        var documentExports = routes.MapGroup("/api/documents/{id}/exports").WithTags("Exports").RequireSignedIn().RequireCsrfToken();
        documentExports.MapPost("/", Create).WithSummary("Request a whole-document audio file (M4B or MP3)").RateLimitedPerUser("audio", l => l.Audio)
            .Audit("export.create", "export", Audited.Created<ExportView>(e => e.Id))
            .Produces<ExportView>(StatusCodes.Status202Accepted).Produces<ExportView>().ProducesProblems(400, 404, 409).Validated();
        documentExports.MapGet("/", List).WithSummary("List a document's audio files").Produces<IReadOnlyList<ExportView>>().ProducesProblems(404);

        var export = routes.MapGroup("/api/exports/{exportId}").WithTags("Exports").RequireSignedIn().RequireCsrfToken();
        export.MapGet("/", Get).WithSummary("Read an audio file export").Produces<ExportView>().ProducesProblems(404);
        export.MapGet("/content", Content).WithSummary("Play or download an export's bytes").Audit(StoredAudio.ContentAction("export"), "export", Audited.Route("exportId"))
            .WithQueryParameter("download", JsonSchemaType.Boolean, "true: answer with Content-Disposition: attachment.")
            .ProducesAudio(ExportFormat.M4b.ContentType(), ExportFormat.Mp3.ContentType()).ProducesProblems(404, 409);
        export.MapDelete("/", Delete).WithSummary("Delete an audio file export").Audit("export.delete", "export", Audited.Route("exportId"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404);
    }

    private static async Task<IResult> Create(string id, CreateExportRequest body, HttpContext http, IClusterClient cluster)
    {
        body.TryGetFormat(out var format);
        var result = await DocumentExport(cluster, id, format, body.Voice!.Trim()).Create(http.User.UserId());
        return result.Created
            ? Results.Accepted($"/api/exports/{result.Export.Id}", result.Export)
            : Results.Ok(result.Export);
    }

    private static async Task<IResult> List(string id, HttpContext http, IClusterClient cluster) =>
        DocumentEndpoints.IsDocumentId(id)
            ? Results.Ok(await cluster.Grain<IDocumentExportsGrain>(id).List(http.User.UserId()))
            : throw LectorException.NotFound("document.not_found");

    private static async Task<IResult> Get(string exportId, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Export(cluster, exportId).Get(http.User.UserId()));

    private static async Task<IResult> Content(string exportId, HttpContext http, IClusterClient cluster, IBlobStore blobs)
    {
        // OpenContent checks the caller's access; only then is the blob handed out, by redirect or by stream.
        var content = await Export(cluster, exportId).OpenContent(http.User.UserId());
        return await StoredAudio.ServeOrDownloadAsync(http, blobs, content, exportId, "export.not_found");
    }

    private static async Task<IResult> Delete(string exportId, HttpContext http, IClusterClient cluster)
    {
        await Export(cluster, exportId).Delete(http.User.UserId());
        return Results.NoContent();
    }

    /// <summary>The export of a document in a format and voice, or not-found for document ids that cannot exist.</summary>
    private static IExportGrain DocumentExport(IClusterClient cluster, string documentId, ExportFormat format, string voice) =>
        DocumentEndpoints.IsDocumentId(documentId)
            ? cluster.Grain<IExportGrain>(new ExportKey(documentId, format, voice).GrainKey)
            : throw LectorException.NotFound("document.not_found");

    private static IExportGrain Export(IClusterClient cluster, string exportId) =>
        ExportKey.TryParsePublicId(exportId, out var key) && DocumentEndpoints.IsDocumentId(key.Value.DocumentId)
            ? cluster.Grain<IExportGrain>(key.Value.GrainKey)
            : throw LectorException.NotFound("export.not_found");
}
