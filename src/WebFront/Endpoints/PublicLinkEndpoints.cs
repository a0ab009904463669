using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Links;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Endpoints;

/// <summary>A document's public read-along links, as its owner and sharers make, list and revoke them.</summary>
public static class PublicLinkEndpoints
{
    /// <param name="ExpiresAt">ISO 8601; absent: a week from now.</param>
    public sealed record CreateLinkRequest([property: Text(1, VoiceInfo.MaxIdLength)] string? Voice, [property: Instant] string? ExpiresAt)
    {
        public DateTimeOffset? Expiry => RequestValidator.TryParseInstant(ExpiresAt ?? "", out var at) ? at : null;
    }

    /// <summary>A new link; <see cref="Url"/> carries its secret and is shown this once.</summary>
    public sealed record CreatedLink(string Id, string Url, DateTimeOffset ExpiresAt, string Voice, DateTimeOffset CreatedAt, string CreatedBy);

    public static void MapPublicLinkEndpoints(this IEndpointRouteBuilder routes)
    {
        var links = routes.MapGroup("/api/documents/{id}/links").WithTags("Public links").RequireSignedIn().RequireCsrfToken();
        // Audited by link id and document, never with the URL: it carries the secret.
        links.MapPost("/", Create).WithSummary("Make a public read-along link").Audit("link.create", "link", Audited.Created<CreatedLink>(l => l.Id))
            .Produces<CreatedLink>(StatusCodes.Status201Created).ProducesProblems(400, 404, 409).Validated();
        links.MapGet("/", List).WithSummary("List a document's live public links").Produces<IReadOnlyList<PublicLinkInfo>>().ProducesProblems(404);
        links.MapDelete("/{linkId}", Revoke).WithSummary("Revoke a public link").Audit("link.revoke", "link", Audited.Route("linkId"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 404);
    }

    private static async Task<IResult> Create(string id, CreateLinkRequest body, HttpContext http, IClusterClient cluster, IOptions<WebFrontOptions> options)
    {
        var issued = await Links(cluster, id).Create(http.User.UserId(), body.Voice!.Trim(), body.Expiry);
        var link = issued.Link;
        var created = new CreatedLink(link.Id, ListenUrl(http, options.Value, issued.Secret), link.ExpiresAt, link.Voice, link.CreatedAt, link.CreatedBy);
        return Results.Created($"/api/documents/{id}/links/{link.Id}", created);
    }

    private static async Task<IResult> List(string id, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Links(cluster, id).List(http.User.UserId()));

    private static async Task<IResult> Revoke(string id, string linkId, HttpContext http, IClusterClient cluster)
    {
        await Links(cluster, id).Revoke(http.User.UserId(), linkId);
        return Results.NoContent();
    }

    /// <summary>
    /// The listening page's address: under the configured public address where there is one, otherwise under the one
    /// the maker reached (only they see this answer, so their own Host header misleads nobody else).
    /// </summary>
    private static string ListenUrl(HttpContext http, WebFrontOptions options, string secret)
    {
        var root = string.IsNullOrEmpty(options.PublicBaseUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
            : options.PublicBaseUrl;
        return $"{root.TrimEnd('/')}{PublicReadingEndpoints.ListenPath}/{secret}";
    }

    private static IDocumentLinksGrain Links(IClusterClient cluster, string id) =>
        DocumentEndpoints.IsDocumentId(id) ? cluster.Grain<IDocumentLinksGrain>(id) : throw LectorException.NotFound("document.not_found");
}
