using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Grains.Blobs;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Lector.WebFront.Endpoints;

public static class DocumentEndpoints
{
    public const int MaxTextCharacters = 5_000_000;

    private const int MaxSearchLength = 200;

    /// <summary>Longer than the URLs people share; the grain refuses longer ones too.</summary>
    private const int MaxUrlLength = 2000;

    /// <summary>Longer than any tag a document needs (language, script, region, variant).</summary>
    private const int MaxLanguageTagLength = 35;

    /// <summary>Pasted text (<c>{title, text}</c>) or a web page to import (<c>{url, title?}</c>).</summary>
    public sealed record CreateDocumentRequest(string? Title, string? Text, string? Url);

    public sealed record UpdatePageRequest(string? Text);

    public sealed record PositionRequest(int? Page, int? OffsetMs, string? Voice);

    /// <summary>A merge patch: an absent (or null) field stays as it is.</summary>
    public sealed record UpdateDocumentRequest(string? Title, string? Language);

    public sealed record AcceptedDocument(string Id, DocumentStatus Status);

    /// <summary>A page; <c>label</c> is its printed page label ("xii"), where the source has them; <c>speech</c> is exactly what an engine is sent.</summary>
    public sealed record PageResponse(int Number, string? Label, string? Title, string Text, string Html, string Speech, int CharCount, IReadOnlyList<AudioView> Audio)
    {
        public static PageResponse Of(PageView view) =>
            new(view.Content.Number, view.Content.Label, view.Content.Title, view.Content.Text, view.Content.Html, view.Speech, view.Content.CharCount, view.Audio);
    }

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder routes)
    {
        var documents = routes.MapGroup("/api/documents").WithTags("Documents").RequireSignedIn().RequireCsrfToken();
        documents.MapPost("/", Create).DisableAntiforgery().RateLimitedPerUser("uploads", l => l.Uploads)
            .Audit("document.upload", "document", Audited.Created<AcceptedDocument>(d => d.Id))
            .AcceptsJson<CreateDocumentRequest>().AcceptsUpload("file", "title")
            .Produces<AcceptedDocument>(StatusCodes.Status202Accepted).ProducesProblems(400, 413, 415, 422);
        documents.MapGet("/", List).Paged()
            .WithQueryParameter("q", JsonSchemaType.String, "Only documents whose title contains this (case and accents ignored).")
            .WithQueryParameter("sort", JsonSchemaType.String, "recent (last listened, then added; the default), title or added.")
            .Produces<PagedResult<DocumentSummary>>().ProducesProblems(400);
        documents.MapGet("/{id}", Get).Produces<DocumentDetails>().ProducesProblems(404);
        documents.MapPatch("/{id}", Update).Audit("document.update", "document", Audited.Route("id"))
            .AcceptsJson<UpdateDocumentRequest>().Produces<DocumentDetails>().ProducesProblems(400, 404);
        documents.MapDelete("/{id}", Delete).Audit("document.delete", "document", Audited.Route("id"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404);
        documents.MapGet("/{id}/pages", ListPages).Paged().Produces<PagedResult<PageSummary>>().ProducesProblems(400, 404);
        documents.MapGet("/{id}/pages/{number}", GetPage).Produces<PageResponse>().ProducesProblems(400, 404);
        documents.MapPut("/{id}/position", SavePosition).AcceptsJson<PositionRequest>()
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 404);
        documents.MapGet("/{id}/position", GetPosition).Produces<ListeningPosition>().ProducesProblems(404);
        documents.MapGet("/{id}/chapters", ListChapters).Produces<IReadOnlyList<Chapter>>().ProducesProblems(404);
        documents.MapPut("/{id}/pages/{number}", UpdatePage)
            .AcceptsJson<UpdatePageRequest>().Produces<PageResponse>().ProducesProblems(400, 404);
    }

    /// <summary>Document ids are 32 lower-case hex digits; anything else cannot exist, so it is not looked up.</summary>
    public static bool IsDocumentId(string id) => Grains.Accounts.Secrets.IsId(id);

    private static async Task<IResult> Create(HttpContext http, IClusterClient cluster, IBlobStore blobs, IOptions<UploadOptions> uploads)
    {
        var documentId = Guid.NewGuid().ToString("N");
        var ownerId = http.User.UserId();
        NewDocument document;
        string? stagedUpload = null;
        if (http.Request.HasJsonContentType())
        {
            var body = (await RequestBody.ReadJsonAsync<CreateDocumentRequest>(http.Request))!;
            var input = new RequestValidator();
            if (body.Url is not null)
            {
                // An imported page names itself unless the caller names it.
                var title = input.Text(body.Title?.Trim(), "title", 0, 200);
                var url = input.Text(body.Url.Trim(), "url", 1, MaxUrlLength);
                if (body.Text is not null)
                {
                    input.Add("text", "Give either text or url, not both.");
                }

                document = new NewDocument(ownerId, title, null, null, null, url);
            }
            else
            {
                var title = input.Text(body.Title?.Trim(), "title", 1, 200);
                var text = input.Prose(body.Text, "text", 1, MaxTextCharacters);
                document = new NewDocument(ownerId, title, text, null, null);
            }

            if (!input.IsValid)
            {
                return input.Problem(http);
            }
        }
        else if (http.Request.HasFormContentType)
        {
            var limit = uploads.Value.MaxBytes;
            if (http.Request.ContentLength > limit)
            {
                return Problems.Create(http, StatusCodes.Status413PayloadTooLarge, "upload.too_large");
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit + 64 * 1024;
            }

            var form = await RequestBody.ReadFormAsync(http.Request);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return Problems.Create(http, StatusCodes.Status400BadRequest, "upload.missing_file");
            }

            if (file.Length > limit)
            {
                return Problems.Create(http, StatusCodes.Status413PayloadTooLarge, "upload.too_large");
            }

            var input = new RequestValidator();
            var title = input.Text(form["title"].ToString().Trim(), "title", 0, 200);
            if (!input.IsValid)
            {
                return input.Problem(http);
            }

            stagedUpload = BlobKeys.Upload(documentId);
            await using (var content = file.OpenReadStream())
            {
                await blobs.PutAsync(stagedUpload, content, http.RequestAborted);
            }

            document = new NewDocument(ownerId, title, null, stagedUpload, file.FileName);
        }
        else
        {
            return Problems.Create(http, StatusCodes.Status415UnsupportedMediaType, "request.unsupported_media_type");
        }

        try
        {
            var created = await cluster.GetGrain<IDocumentGrain>(documentId).Create(document);
            return Results.Accepted($"/api/documents/{created.Id}", new AcceptedDocument(created.Id, created.Status));
        }
        finally
        {
            // Accepted or refused, the staging copy is not kept: nothing is stored for a rejected upload.
            if (stagedUpload is not null)
            {
                await blobs.DeleteAsync(stagedUpload, CancellationToken.None);
            }
        }
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        var search = http.Request.Query["q"].ToString().Trim();
        input.Text(search, "q", 0, MaxSearchLength);
        var sort = input.OneOf(http.Request.Query["sort"].ToString(), "sort", LibrarySort.Recent);
        return input.IsValid
            ? Results.Ok(await cluster.GetGrain<ILibraryGrain>(http.User.UserId()).List(paging, new LibraryQuery(search, sort)))
            : input.Problem(http);
    }

    private static async Task<IResult> SavePosition(string id, PositionRequest? body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var page = input.Required(body?.Page, "page", 1, int.MaxValue);
        var offsetMs = input.Required(body?.OffsetMs, "offsetMs", 0, ListeningPosition.MaxOffsetMs);
        var voice = input.Text(body?.Voice?.Trim(), "voice", 1, VoiceInfo.MaxIdLength);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        await Document(cluster, id).SavePosition(http.User.UserId(), page, offsetMs, voice);
        return Results.NoContent();
    }

    private static async Task<IResult> GetPosition(string id, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Document(cluster, id).GetPosition(http.User.UserId()));

    private static async Task<IResult> Get(string id, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Document(cluster, id).Get(http.User.UserId()));

    private static async Task<IResult> Update(string id, UpdateDocumentRequest? body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var title = body?.Title is { } requestedTitle ? input.Text(requestedTitle.Trim(), "title", 1, 200) : null;
        var language = body?.Language is { } requestedLanguage ? input.Text(requestedLanguage.Trim(), "language", 2, MaxLanguageTagLength) : null;
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        return Results.Ok(await Document(cluster, id).Update(http.User.UserId(), new DocumentChanges(title, language)));
    }

    private static async Task<IResult> Delete(string id, HttpContext http, IClusterClient cluster)
    {
        await Document(cluster, id).Delete(http.User.UserId());
        return Results.NoContent();
    }

    private static async Task<IResult> ListPages(string id, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        return input.IsValid
            ? Results.Ok(await Document(cluster, id).ListPages(http.User.UserId(), paging))
            : input.Problem(http);
    }

    private static async Task<IResult> GetPage(string id, string number, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var page = input.Int(number, "number", 1, int.MaxValue, 0);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        return Results.Ok(PageResponse.Of(await Document(cluster, id).GetPage(http.User.UserId(), page)));
    }

    private static async Task<IResult> ListChapters(string id, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Document(cluster, id).ListChapters(http.User.UserId()));

    private static async Task<IResult> UpdatePage(string id, string number, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var page = input.Int(number, "number", 1, int.MaxValue, 0);
        var body = await RequestBody.ReadJsonAsync<UpdatePageRequest>(http.Request);
        var text = input.Prose(body?.Text, "text", 1, MaxTextCharacters);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        return Results.Ok(PageResponse.Of(await Document(cluster, id).UpdatePage(http.User.UserId(), page, text)));
    }

    /// <summary>The document grain, or not-found for ids that cannot exist.</summary>
    public static IDocumentGrain Document(IClusterClient cluster, string id) =>
        IsDocumentId(id) ? cluster.GetGrain<IDocumentGrain>(id) : throw LectorException.NotFound("document.not_found");
}

/// <summary>Bound from <c>Uploads</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    public long MaxBytes { get; set; } = 50 * 1024 * 1024;
}
