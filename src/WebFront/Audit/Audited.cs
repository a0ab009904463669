using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.WebFront.Auth;

namespace Lector.WebFront.Audit;

/// <summary>
/// Records an endpoint's call in the audit log after its handler ran: success for 1xx-3xx answers,
/// failure for 4xx/5xx answers and exceptions. The web front is where the address, user agent and
/// outcome are known, so endpoints stay free of audit code.
/// </summary>
public static partial class Audited
{
    private const string ActorItem = "lector.audit.actor";
    private const string Anonymous = "anonymous";

    /// <summary>Target selectors for the common route shapes.</summary>
    public static Func<EndpointFilterInvocationContext, object?, string> Route(string name) =>
        (context, _) => context.HttpContext.GetRouteValue(name)?.ToString() ?? "";

    /// <summary>For actions on a singleton (the log itself, the settings).</summary>
    public static readonly Func<EndpointFilterInvocationContext, object?, string> NoTarget = (_, _) => "";

    /// <summary>The id inside a created resource the handler answered with.</summary>
    public static Func<EndpointFilterInvocationContext, object?, string> Created<T>(Func<T, string> id) =>
        (_, result) => (result as IValueHttpResult)?.Value is T value ? id(value) : "";

    /// <summary>Who acted, for endpoints where the caller is not authenticated yet (login, register).</summary>
    public static void SetAuditActor(this HttpContext http, string userId) => http.Items[ActorItem] = userId;

    public static TBuilder Audit<TBuilder>(this TBuilder builder, string action, string targetType, Func<EndpointFilterInvocationContext, object?, string> target)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Audit(_ => action, targetType, target);

    /// <param name="action">The action for this request; null skips recording (e.g. the later ranges of one playback).</param>
    public static TBuilder Audit<TBuilder>(this TBuilder builder, Func<HttpContext, string?> action, string targetType, Func<EndpointFilterInvocationContext, object?, string> target)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Audit((http, _) => action(http), targetType, target);

    /// <summary>
    /// Records a request that asks for something to be made only when it made it (answered 202) or failed: one that
    /// found it already made was a read, and reads of metadata are not audited.
    /// </summary>
    public static TBuilder AuditWhenCreated<TBuilder>(this TBuilder builder, string action, string targetType, Func<EndpointFilterInvocationContext, object?, string> target)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Audit((_, result) => result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } ? null : action, targetType, target);

    /// <param name="action">The action for this request given the handler's result (null when it threw); null skips recording.</param>
    private static TBuilder Audit<TBuilder>(this TBuilder builder, Func<HttpContext, object?, string?> action, string targetType, Func<EndpointFilterInvocationContext, object?, string> target)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            object? result;
            try
            {
                result = await next(context);
            }
            catch (StorageUnavailableException e) when (e.Code == StorageUnavailableException.DatabaseCode)
            {
                // The audit log lives in that same database: there is nowhere to record the refusal, and trying would
                // only make the 503 wait as long again.
                throw;
            }
            catch
            {
                await RecordAsync(context, action(http, null), targetType, target(context, null), AuditRecord.Failure);
                throw;
            }

            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? http.Response.StatusCode;
            await RecordAsync(context, action(http, result), targetType, target(context, result), status < 400 ? AuditRecord.Success : AuditRecord.Failure);
            return result;
        });

    /// <summary>What the request did, by whom, from where: the audit record of one request.</summary>
    public static AuditRecord RecordOf(HttpContext http, string action, string targetType, string targetId, string outcome) => new(
        http.Items[ActorItem] as string ?? (http.User.Identity?.IsAuthenticated == true ? http.User.UserId() : Anonymous),
        action, targetType, targetId,
        http.Connection.RemoteIpAddress?.ToString() ?? "",
        http.Request.Headers.UserAgent.ToString(),
        outcome);

    private static async Task RecordAsync(EndpointFilterInvocationContext context, string? action, string targetType, string targetId, string outcome)
    {
        var http = context.HttpContext;

        // A refusal is recorded where it is made, folded with the client's others (see Refusals).
        if (action is null || Refusals.WereRecorded(http))
        {
            return;
        }

        var record = RecordOf(http, action, targetType, targetId, outcome);
        try
        {
            await http.RequestServices.GetRequiredService<AuditWriter>().AppendAsync(record);
        }
        catch (StorageUnavailableException)
        {
            // What the request did is done (or was a read): failing it now would undo nothing. The loss is logged.
            LogEntryLost(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Audited)), action, targetType, outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit entry for {Action} on a {TargetType} ({Outcome}) was not recorded: the database is unavailable")]
    private static partial void LogEntryLost(ILogger logger, string action, string targetType, string outcome);
}
