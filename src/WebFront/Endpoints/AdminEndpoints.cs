using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Lifecycle;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;
using Microsoft.OpenApi;

namespace Lector.WebFront.Endpoints;

public static class AdminEndpoints
{
    public sealed record ExportRequest(string? From, string? To, string? UserId, string? Email);

    /// <summary>An export as <see cref="AuditExport"/> has it, and where to download it.</summary>
    public sealed record ExportAnswer(string BlobKey, string Name, long Entries, string Url)
    {
        public static ExportAnswer Of(AuditExport export) =>
            new(export.BlobKey, export.Name, export.Entries, $"/api/admin/audit/exports/{export.Name}");
    }

    public sealed record SettingsRequest(int? RetentionDays, int? ExpiryWarningDays, int? MaxAudiosPerPage, bool? AutoDeleteExpired);

    public static void MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        // Not RequireAuthorization: anonymous callers get the same 404 as signed-in non-admins.
        var admin = routes.MapGroup("/api/admin").WithTags("Admin").RequireAdmin().RequireCsrfToken();
        admin.MapGet("/audit", ListAudit).WithSummary("List audit log entries").Audit("audit.read", "audit", Audited.NoTarget)
            .Paged()
            .WithQueryParameter("from", JsonSchemaType.String, "Entries at or after this ISO 8601 instant.", "date-time")
            .WithQueryParameter("to", JsonSchemaType.String, "Entries before this ISO 8601 instant.", "date-time")
            .WithQueryParameter("userId", JsonSchemaType.String, "Only this actor's entries.")
            .WithQueryParameter("email", JsonSchemaType.String, "Only the entries of the account with this e-mail.")
            .WithQueryParameter("action", JsonSchemaType.String, "Only this action, e.g. audio.play.")
            .Produces<PagedResult<AuditEntry>>().ProducesProblems(400);
        admin.MapGet("/audit/verify", VerifyAudit).WithSummary("Verify the audit log's hash chain").Audit("audit.verify", "audit", Audited.NoTarget).Produces<AuditVerification>();
        admin.MapPost("/audit/export", ExportAudit).WithSummary("Export audit log entries to a file").Audit("audit.export", "audit", Audited.Created<ExportAnswer>(e => e.BlobKey))
            .Produces<ExportAnswer>(StatusCodes.Status202Accepted).ProducesProblems(400);
        admin.MapGet("/audit/exports/{name}", DownloadAuditExport).WithSummary("Download an audit log export").Audit("audit.export_download", "audit", Audited.Route("name"))
            .Produces<Stream>(StatusCodes.Status200OK, AuditExportContentType).ProducesProblems(404);
        admin.MapGet("/stats", Statistics).WithSummary("Read service statistics").Produces<AdminStatistics>();
        admin.MapGet("/failures", Failures).WithSummary("List failed ingestions and syntheses").Paged().Produces<PagedResult<FailureRecord>>().ProducesProblems(400);
        admin.MapGet("/settings", GetSettings).WithSummary("Read the service settings").Produces<AdminSettings>();
        admin.MapPut("/settings", UpdateSettings).WithSummary("Change the service settings").Audit("settings.update", "settings", Audited.NoTarget)
            .Produces<AdminSettings>().ProducesProblems(400);
        admin.MapPost("/reconcile", Reconcile).WithSummary("Reconcile stored blobs with the records that own them").Audit("blobs.reconcile", "blobs", Audited.NoTarget).Produces<ReconcileReport>();
    }

    private static async Task<IResult> ListAudit(HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        var filter = Filter(input, http.Request.Query["from"], http.Request.Query["to"], http.Request.Query["userId"], http.Request.Query["email"]) with
        {
            Action = Optional(input, http.Request.Query["action"], "action"),
        };
        return input.IsValid
            ? Results.Ok(await cluster.Grain<IAuditGrain>(0).Query(filter, paging))
            : input.Problem(http);
    }

    private static async Task<IResult> VerifyAudit(IClusterClient cluster) =>
        Results.Ok(await cluster.Grain<IAuditGrain>(0).Verify());

    private static async Task<IResult> ExportAudit(ExportRequest? body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var filter = Filter(input, body?.From, body?.To, body?.UserId, body?.Email);
        if (!input.IsValid)
        {
            return input.Problem(http);
        }

        var export = ExportAnswer.Of(await cluster.Grain<IAuditGrain>(0).Export(filter));
        return Results.Accepted(export.Url, export);
    }

    private const string AuditExportContentType = "application/x-ndjson";

    /// <summary>The export as a file to save; always from this front, so the name it is saved under is kept.</summary>
    private static async Task<IResult> DownloadAuditExport(string name, HttpContext http, IBlobStore blobs)
    {
        var stream = AuditExport.KeyFor(name) is { } key ? await blobs.OpenReadAsync(key, http.RequestAborted) : null;
        if (stream is null)
        {
            throw LectorException.NotFound("audit.export_not_found");
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(stream, AuditExportContentType, fileDownloadName: $"lector-audit-{name}");
    }

    /// <summary>Runs one reconciler pass now (the timer runs them every <c>App:Reconciler:Interval</c>).</summary>
    private static async Task<IResult> Reconcile(IClusterClient cluster) =>
        Results.Ok(await cluster.Grain<IBlobReconcilerGrain>(0).Reconcile(force: true));

    private static async Task<IResult> Statistics(IClusterClient cluster) =>
        Results.Ok(await cluster.Grain<IStatisticsGrain>(0).Get());

    private static async Task<IResult> Failures(HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var paging = input.Paging(http.Request);
        return input.IsValid
            ? Results.Ok(await cluster.Grain<IFailureLogGrain>(0).List(paging))
            : input.Problem(http);
    }

    private static async Task<IResult> GetSettings(IClusterClient cluster) =>
        Results.Ok(await cluster.Grain<ISettingsGrain>(0).Get());

    private static async Task<IResult> UpdateSettings(SettingsRequest? body, HttpContext http, IClusterClient cluster)
    {
        var input = new RequestValidator();
        var settings = new AdminSettings(
            Required(input, body?.RetentionDays, "retentionDays"),
            Required(input, body?.ExpiryWarningDays, "expiryWarningDays"),
            Required(input, body?.MaxAudiosPerPage, "maxAudiosPerPage"),
            Required(input, body?.AutoDeleteExpired, "autoDeleteExpired"));
        if (input.IsValid)
        {
            foreach (var (field, message) in settings.Validate())
            {
                input.Add(field, message);
            }
        }

        return input.IsValid
            ? Results.Ok(await cluster.Grain<ISettingsGrain>(0).Update(settings))
            : input.Problem(http);
    }

    private static AuditFilter Filter(RequestValidator input, string? from, string? to, string? userId, string? email) =>
        new(input.Instant(from, "from"), input.Instant(to, "to"), Optional(input, userId, "userId"), null,
            string.IsNullOrEmpty(email) ? null : input.Email(email, "email"));

    private static string? Optional(RequestValidator input, string? value, string field) =>
        string.IsNullOrEmpty(value) ? null : input.Text(value, field, 1, 200);

    private static T Required<T>(RequestValidator input, T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            input.Add(field, "Required.");
        }

        return value.GetValueOrDefault();
    }
}
