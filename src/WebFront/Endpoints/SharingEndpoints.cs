using Lector.Abstractions;
using Lector.Abstractions.Sharing;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;

namespace Lector.WebFront.Endpoints;

public static class SharingEndpoints
{
    public sealed record ShareRequest(string? Email, string? Permission);

    public sealed record ChangeShareRequest(string? Permission);

    public static void MapSharingEndpoints(this IEndpointRouteBuilder routes)
    {
        var shares = routes.MapGroup("/api/documents/{id}/shares").WithTags("Sharing").RequireSignedIn().RequireCsrfToken();
        shares.MapPost("/", Share).WithSummary("Share a document with someone").Audit("share.create", "document", Audited.Route("id"))
            .Produces<ShareInfo>(StatusCodes.Status201Created).Produces<ShareInfo>().ProducesProblems(400, 404);
        shares.MapGet("/", List).WithSummary("List a document's shares").Produces<IReadOnlyList<ShareInfo>>().ProducesProblems(404);
        shares.MapPatch("/{userId}", Change).WithSummary("Change a share's permission").Audit("share.change", "document", Audited.Route("id"))
            .Produces<ShareInfo>().ProducesProblems(400, 404);
        shares.MapDelete("/{userId}", Unshare).WithSummary("Remove a share").Audit("share.delete", "document", Audited.Route("id"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404);
        routes.MapGet("/api/shared-with-me", SharedWithMe).WithSummary("List documents shared with the caller").WithTags("Sharing").RequireSignedIn()
            .Paged().Produces<PagedResult<SharedDocumentSummary>>().ProducesProblems(400);
    }

    private static async Task<IResult> Share(string id, ShareRequest body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var email = input.Email(body.Email, "email");
        var permission = input.Permission(body.Permission, "permission");
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        var result = await Sharing(cluster, id).Share(http.User.UserId(), email, permission);
        return result.Created
            ? Results.Created($"/api/documents/{id}/shares/{result.Share.UserId}", result.Share)
            : Results.Ok(result.Share);
    }

    private static async Task<IResult> List(string id, HttpContext http, IClusterClient cluster) =>
        Results.Ok(await Sharing(cluster, id).ListShares(http.User.UserId()));

    private static async Task<IResult> Change(string id, string userId, ChangeShareRequest body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var permission = input.Permission(body.Permission, "permission");
        return input.IsValid
            ? Results.Ok(await Sharing(cluster, id).ChangeShare(http.User.UserId(), userId, permission))
            : input.Problem(http);
    }

    private static async Task<IResult> Unshare(string id, string userId, HttpContext http, IClusterClient cluster)
    {
        await Sharing(cluster, id).Unshare(http.User.UserId(), userId);
        return Results.NoContent();
    }

    private static async Task<IResult> SharedWithMe(HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        return input.IsValid
            ? Results.Ok(await cluster.Grain<ISharedWithMeGrain>(http.User.UserId()).List(paging))
            : input.Problem(http);
    }

    private static IDocumentSharingGrain Sharing(IClusterClient cluster, string id) =>
        DocumentEndpoints.IsDocumentId(id) ? cluster.Grain<IDocumentSharingGrain>(id) : throw LectorException.NotFound("document.not_found");
}
