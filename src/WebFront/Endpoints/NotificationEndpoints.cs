using Lector.Abstractions;
using Lector.Abstractions.Notifications;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;

namespace Lector.WebFront.Endpoints;

public static class NotificationEndpoints
{
    public sealed record MarkReadRequest(IReadOnlyList<string>? Ids);

    public sealed record MarkReadResponse(int Marked);

    public sealed record WebhookRequest(string? Url, string? Secret);

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder routes)
    {
        var notifications = routes.MapGroup("/api/notifications").WithTags("Notifications").RequireSignedIn().RequireCsrfToken();
        notifications.MapGet("/", List).WithSummary("List notifications").Paged().Produces<PagedResult<Notification>>().ProducesProblems(400);
        notifications.MapPost("/read", MarkRead).WithSummary("Mark notifications read").Produces<MarkReadResponse>().ProducesProblems(400);
        notifications.MapGet("/webhook", GetWebhook).WithSummary("Read the notification webhook").Produces<WebhookView>().ProducesProblems(404);
        notifications.MapPut("/webhook", SetWebhook).WithSummary("Set the notification webhook").Audit("webhook.update", "webhook", Audited.NoTarget)
            .Produces<WebhookView>().ProducesProblems(400);
        notifications.MapDelete("/webhook", RemoveWebhook).WithSummary("Remove the notification webhook").Audit("webhook.delete", "webhook", Audited.NoTarget)
            .Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        return input.IsValid
            ? Results.Ok(await cluster.Grain<INotificationInboxGrain>(http.User.UserId()).List(paging))
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

        var marked = await cluster.Grain<INotificationInboxGrain>(http.User.UserId()).MarkRead(body?.Ids);
        return Results.Ok(new MarkReadResponse(marked));
    }

    private static async Task<IResult> GetWebhook(HttpContext http, IClusterClient cluster) =>
        await cluster.Grain<IWebhookGrain>(http.User.UserId()).Get() is { } webhook
            ? Results.Ok(webhook)
            : Problems.Create(http, StatusCodes.Status404NotFound, "webhook.not_found");

    /// <summary>Sets the webhook; the answer carries the signing secret (the one given, or a new one).</summary>
    private static async Task<IResult> SetWebhook(WebhookRequest? body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var url = input.Text(body?.Url?.Trim(), "url", 1, 2000);
        var secret = string.IsNullOrEmpty(body?.Secret) ? null : input.Text(body.Secret, "secret", 16, 200);
        return input.IsValid
            ? Results.Ok(await cluster.Grain<IWebhookGrain>(http.User.UserId()).Configure(url, secret))
            : input.Problem(http);
    }

    private static async Task<IResult> RemoveWebhook(HttpContext http, IClusterClient cluster)
    {
        await cluster.Grain<IWebhookGrain>(http.User.UserId()).Remove();
        return Results.NoContent();
    }
}
