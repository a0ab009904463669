using System.ComponentModel.DataAnnotations;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Caching;
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

    /// <summary>What a JSON answer written by the platform says it is; the library's kept pages say the same.</summary>
    private const string JsonContentType = "application/json; charset=utf-8";

    private const int MaxTitleLength = 200;

    /// <summary>Longer than the URLs people share; the grain refuses longer ones too.</summary>
    private const int MaxUrlLength = 2000;

    /// <summary>Longer than any tag a document needs (language, script, region, variant).</summary>
    private const int MaxLanguageTagLength = 35;

    /// <summary>Pasted text (<c>{title, text}</c>) or a web page to import (<c>{url, title?}</c>).</summary>
    public sealed record CreateDocumentRequest(string? Title, string? Text, string? Url) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            // An imported page names itself unless the caller names it; pasted text must be named.
            (string Field, string? Problem)[] fields = Url is null
                ? [(nameof(Title), RequestValidator.TextProblem(Title?.Trim() ?? "", 1, MaxTitleLength, prose: false)),
                    (nameof(Text), RequestValidator.TextProblem(Text ?? "", 1, MaxTextCharacters, prose: true))]
                : [(nameof(Title), RequestValidator.TextProblem(Title?.Trim() ?? "", 0, MaxTitleLength, prose: false)),
                    (nameof(Url), RequestValidator.TextProblem(Url.Trim(), 1, MaxUrlLength, prose: false)),
                    (nameof(Text), Text is null ? null : "Give either text or url, not both.")];
            return fields.Where(f => f.Problem is not null).Select(f => new ValidationResult(f.Problem, [f.Field]));
        }
    }

    public sealed record UpdatePageRequest([property: Text(1, MaxTextCharacters, Prose = true)] string? Text);

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
        // One operation, two endpoints that routing tells apart by Content-Type: the JSON body is bound and validated,
        // the upload streams its file to the blob store under the upload limit. The document describes both as one.
        documents.MapPost("/", Create).WithSummary("Create a document from pasted text, a web page or an uploaded file").AsDocumentCreation().AcceptsUpload("file", "title").Validated();
        // A request without a Content-Type fits both; the upload's goes first and answers it with 415, as ever.
        documents.MapPost("/", Upload).AsDocumentCreation().DisableAntiforgery().Accepts<IFormCollection>("multipart/form-data")
            .WithOrder(-1).ExcludeFromDescription();
        documents.MapGet("/", List).WithSummary("List the library").Paged()
            .WithQueryParameter("q", JsonSchemaType.String, "Only documents whose title contains this (case and accents ignored).")
            .WithQueryParameter("sort", JsonSchemaType.String, "recent (last listened, then added; the default), title or added.")
            .Produces<PagedResult<DocumentSummary>>().ProducesProblems(400);
        documents.MapGet("/{id}", Get).WithSummary("Read a document").Produces<DocumentDetails>().ProducesProblems(404);
        documents.MapPatch("/{id}", Update).WithSummary("Change a document's title or language").Audit("document.update", "document", Audited.Route("id"))
            .Produces<DocumentDetails>().ProducesProblems(400, 404);
        documents.MapDelete("/{id}", Delete).WithSummary("Delete a document").Audit("document.delete", "document", Audited.Route("id"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404);
        documents.MapGet("/{id}/pages", ListPages).WithSummary("List a document's pages").Paged().Produces<PagedResult<PageSummary>>().ProducesProblems(400, 404);
        documents.MapGet("/{id}/pages/{number}", GetPage).WithSummary("Read a page").Produces<PageResponse>().ProducesProblems(400, 404).Validated();
        documents.MapPut("/{id}/position", SavePosition).WithSummary("Save the listening position")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 404);
        documents.MapGet("/{id}/position", GetPosition).WithSummary("Read the listening position").Produces<ListeningPosition>().ProducesProblems(404);
        documents.MapGet("/{id}/chapters", ListChapters).WithSummary("List a document's chapters").Produces<IReadOnlyList<Chapter>>().ProducesProblems(404);
        documents.MapPut("/{id}/pages/{number}", UpdatePage).WithSummary("Change a page's text")
            .Produces<PageResponse>().ProducesProblems(400, 404).Validated();
    }

    /// <summary>Document ids are 32 lower-case hex digits; anything else cannot exist, so it is not looked up.</summary>
    public static bool IsDocumentId(string id) => Secrets.IsId(id);

    private static RouteHandlerBuilder AsDocumentCreation(this RouteHandlerBuilder builder) =>
        builder.RateLimitedPerUser("uploads", l => l.Uploads)
            .Audit("document.upload", "document", Audited.Created<AcceptedDocument>(d => d.Id))
            .Produces<AcceptedDocument>(StatusCodes.Status202Accepted).ProducesProblems(400, 413, 415, 422);

    private static Task<IResult> Create(CreateDocumentRequest body, HttpContext http, IClusterClient cluster)
    {
        var ownerId = http.User.UserId();
        var document = body.Url is { } url
            ? new NewDocument(ownerId, body.Title?.Trim() ?? "", null, null, null, url.Trim())
            : new NewDocument(ownerId, body.Title!.Trim(), body.Text, null, null);
        return SubmitAsync(cluster, Guid.NewGuid().ToString("N"), document);
    }

    private static async Task<IResult> Upload(HttpContext http, IClusterClient cluster, IBlobStore blobs, IOptions<UploadOptions> uploads)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Create(http, StatusCodes.Status415UnsupportedMediaType, "request.unsupported_media_type");
        }

        var limit = uploads.Value.MaxBytes;
        if (http.Request.ContentLength > limit)
        {
            return Problems.Create(http, StatusCodes.Status413PayloadTooLarge, "upload.too_large");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 64 * 1024;
        }

        // Read here rather than bound: the limit above must be set before the first byte of the form is read.
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
        var title = input.Text(form["title"].ToString().Trim(), "title", 0, MaxTitleLength);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        var documentId = Guid.NewGuid().ToString("N");
        var stagedUpload = BlobKeys.Upload(documentId);
        await using (var content = file.OpenReadStream())
        {
            await blobs.PutAsync(stagedUpload, content, http.RequestAborted);
        }

        try
        {
            return await SubmitAsync(cluster, documentId, new NewDocument(http.User.UserId(), title, null, stagedUpload, file.FileName));
        }
        finally
        {
            // Accepted or refused, the staging copy is not kept: nothing is stored for a rejected upload.
            await blobs.DeleteAsync(stagedUpload, CancellationToken.None);
        }
    }

    private static async Task<IResult> SubmitAsync(IClusterClient cluster, string documentId, NewDocument document)
    {
        var created = await cluster.Grain<IDocumentGrain>(documentId).Create(document);
        return Results.Accepted($"/api/documents/{created.Id}", new AcceptedDocument(created.Id, created.Status));
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster, LibraryPageCache pages)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        var search = http.Request.Query["q"].ToString().Trim();
        input.Text(search, "q", 0, MaxSearchLength);
        var sort = input.OneOf(http.Request.Query["sort"].ToString(), "sort", LibrarySort.Recent);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        var userId = http.User.UserId();
        return Results.Bytes(await pages.GetAsync(cluster.Grain<ILibraryGrain>(userId), userId, paging, new LibraryQuery(search, sort)), JsonContentType);
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

    private static async Task<IResult> GetPage(string id, [PageNumber] string number, HttpContext http, IClusterClient cluster) =>
        Results.Ok(PageResponse.Of(await Document(cluster, id).GetPage(http.User.UserId(), PageNumberAttribute.Parse(number))));

    private static async Task<IResult> ListChapters(string id, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Document(cluster, id).ListChapters(http.User.UserId()));

    private static async Task<IResult> UpdatePage(string id, [PageNumber] string number, UpdatePageRequest body, HttpContext http, IClusterClient cluster) =>
        Results.Ok(PageResponse.Of(await Document(cluster, id).UpdatePage(http.User.UserId(), PageNumberAttribute.Parse(number), body.Text!)));

    /// <summary>The document grain, or not-found for ids that cannot exist.</summary>
    public static IDocumentGrain Document(IClusterClient cluster, string id) =>
        IsDocumentId(id) ? cluster.Grain<IDocumentGrain>(id) : throw LectorException.NotFound("document.not_found");
}

/// <summary>Bound from <c>Uploads</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    public long MaxBytes { get; set; } = 50 * 1024 * 1024;
}
