using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;

namespace Lector.WebFront.Endpoints;

public static class TokenEndpoints
{
    public sealed record CreateTokenRequest(string? Name);

    public static void MapTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        var tokens = routes.MapGroup("/api/tokens").WithTags("Tokens").RequireSignedIn().RequireCsrfToken();
        tokens.MapPost("/", Create).WithSummary("Create an API token").Audit("token.create", "token", Audited.Created<IssuedApiToken>(t => t.Id))
            .Produces<IssuedApiToken>(StatusCodes.Status201Created).ProducesProblems(400);
        tokens.MapGet("/", List).WithSummary("List API tokens").Produces<IReadOnlyList<ApiTokenInfo>>();
        tokens.MapDelete("/{id}", Revoke).WithSummary("Revoke an API token").Audit("token.revoke", "token", Audited.Route("id"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404);
    }

    private static async Task<IResult> Create(CreateTokenRequest body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var name = input.Text(body.Name?.Trim(), "name", 1, 100);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        var token = await cluster.Grain<IUserGrain>(http.User.UserId()).CreateApiToken(name);
        return Results.Created($"/api/tokens/{token.Id}", token);
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster) =>
        Results.Ok(await cluster.Grain<IUserGrain>(http.User.UserId()).ListApiTokens());

    private static async Task<IResult> Revoke(string id, HttpContext http, IClusterClient cluster) =>
        await cluster.Grain<IUserGrain>(http.User.UserId()).RevokeApiToken(id)
            ? Results.NoContent()
            : Problems.Create(http, StatusCodes.Status404NotFound, "token.not_found");
}
