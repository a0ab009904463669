using Lector.Abstractions.Notifications;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;

namespace Lector.WebFront.Endpoints;

public static class NotificationEndpoints
{
    public sealed record MarkReadRequest(IReadOnlyList<string>? Ids);

    public sealed record MarkReadResponse(int Marked);

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder routes)
    {
        var notifications = routes.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization().AddEndpointFilter<CsrfFilter>();
        notifications.MapGet("/", List);
        notifications.MapPost("/read", MarkRead);
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        return input.IsValid
            ? Results.Ok(await cluster.GetGrain<INotificationInboxGrain>(http.User.UserId()).List(paging))
            : input.Problem(http);
    }

    /// <summary>Marks the listed notifications read, or all of them when no ids are given.</summary>
    private static async Task<IResult> MarkRead(MarkReadRequest? body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        if (body?.Ids is { Count: > 500 })
        {
            input.Add("ids", "At most 500 ids.");
            return input.Problem(http);
        }

        var marked = await cluster.GetGrain<INotificationInboxGrain>(http.User.UserId()).MarkRead(body?.Ids);
        return Results.Ok(new MarkReadResponse(marked));
    }
}
