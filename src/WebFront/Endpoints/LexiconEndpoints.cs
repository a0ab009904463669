using Lector.Abstractions;
using Lector.Abstractions.Lexicon;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;

namespace Lector.WebFront.Endpoints;

/// <summary>The signed-in user's pronunciation lexicon, applied to the documents they own.</summary>
public static class LexiconEndpoints
{
    /// <summary>One entry as sent: a grapheme with an alias or a phoneme (IPA).</summary>
    public sealed record LexiconEntryRequest(string? Grapheme, string? Alias, string? Phoneme);

    public static void MapLexiconEndpoints(this IEndpointRouteBuilder routes)
    {
        var lexicon = routes.MapGroup("/api/lexicon").WithTags("Lexicon").RequireSignedIn().RequireCsrfToken();
        lexicon.MapGet("/", Get).WithSummary("Read your pronunciation lexicon").Produces<IReadOnlyList<LexiconEntry>>();
        lexicon.MapPut("/", Replace).WithSummary("Replace your pronunciation lexicon").Audit("lexicon.update", "lexicon", Audited.NoTarget)
            .Produces<IReadOnlyList<LexiconEntry>>().ProducesProblems(400);
    }

    private static async Task<IResult> Get(HttpContext http, IClusterClient cluster) =>
        Results.Ok(await cluster.Grain<ILexiconGrain>(http.User.UserId()).Get());

    /// <summary>Replaces the whole lexicon; the grain validates every entry and answers with them as stored.</summary>
    private static async Task<IResult> Replace(IReadOnlyList<LexiconEntryRequest?>? body, HttpContext http, IClusterClient cluster)
    {
        if (body is null)
        {
            var input = new RequestValidator();
            input.Add("entries", "lexicon.required");
            return input.Problem(http);
        }

        var entries = body.Select(e => new LexiconEntry(e?.Grapheme ?? "", e?.Alias, e?.Phoneme)).ToList();
        return Results.Ok(await cluster.Grain<ILexiconGrain>(http.User.UserId()).Replace(entries));
    }
}
