using System.Globalization;
using System.Text.RegularExpressions;
namespace Lector.Abstractions.Admin;

/// <summary>Operator settings that change without a deploy; the settings grain holds the one current copy.</summary>
[GenerateSerializer, Alias("Lector.AdminSettings")]
public sealed record AdminSettings(
    [property: Id(0)] int RetentionDays,
    [property: Id(1)] int ExpiryWarningDays,
    [property: Id(2)] int MaxAudiosPerPage,
    [property: Id(3)] bool AutoDeleteExpired)
{
    public const int MaxRetentionDays = 3650;
    public const int MaxAudiosPerPageLimit = 50;

    /// <summary>Field -> problems; empty when the settings are acceptable.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (RetentionDays is < 1 or > MaxRetentionDays)
        {
            errors["retentionDays"] = $"Must be an integer from 1 to {MaxRetentionDays}.";
        }

        if (ExpiryWarningDays < 0 || ExpiryWarningDays >= RetentionDays)
        {
            errors["expiryWarningDays"] = "Must be an integer from 0 to less than retentionDays.";
        }

        if (MaxAudiosPerPage is < 1 or > MaxAudiosPerPageLimit)
        {
            errors["maxAudiosPerPage"] = $"Must be an integer from 1 to {MaxAudiosPerPageLimit}.";
        }

        return errors;
    }
}

/// <summary>
/// One audit log entry as stored and listed. <see cref="Hash"/> chains it to the entry before. <see cref="ActorEmail"/>
/// is not stored: a listing adds the actor's e-mail as the account has it now (null for the system, anonymous
/// callers and deleted accounts), so it is not part of the chain.
/// </summary>
[GenerateSerializer, Alias("Lector.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] string TargetType,
    [property: Id(5)] string TargetId,
    [property: Id(6)] string Ip,
    [property: Id(7)] string UserAgent,
    [property: Id(8)] string Outcome,
    [property: Id(9)] string PreviousHash,
    [property: Id(10)] string Hash,
    [property: Id(11)] string? ActorEmail = null);

/// <summary>What happened, before it is given a place in the chain. No secrets, no document text.</summary>
[GenerateSerializer, Alias("Lector.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] string ActorId,
    [property: Id(1)] string Action,
    [property: Id(2)] string TargetType,
    [property: Id(3)] string TargetId,
    [property: Id(4)] string Ip,
    [property: Id(5)] string UserAgent,
    [property: Id(6)] string Outcome)
{
    public const string Success = "success";
    public const string Failure = "failure";

    /// <summary>A request refused before it reached its endpoint (CSRF, rate limit, admin only); see <see cref="RefusedAgain"/>.</summary>
    public const string Refused = "refused";

    /// <summary>
    /// The outcome of the entry that closes a client's refusal window: <paramref name="times"/> more refusals of the
    /// same action and target after the first, folded into one entry so repeated refusals cannot flood the log.
    /// </summary>
    public static string RefusedAgain(long times) => $"{Refused}:{times}";

    /// <summary>Actions recorded by the system itself rather than for a person.</summary>
    public const string SystemActor = "system";
}

/// <summary>
/// Filter of the audit log; null fields match everything. <see cref="To"/> is exclusive. <see cref="Email"/> names the
/// actor by the e-mail of their account, as people know them; it matches nothing when no account has it.
/// </summary>
[GenerateSerializer, Alias("Lector.AuditFilter")]
public sealed record AuditFilter(
    [property: Id(0)] DateTimeOffset? From,
    [property: Id(1)] DateTimeOffset? To,
    [property: Id(2)] string? UserId,
    [property: Id(3)] string? Action,
    [property: Id(4)] string? Email = null);

/// <summary>
/// The chain checked from the first entry and against its anchored head; <see cref="FirstBrokenSeq"/> names the first
/// entry whose hash or link does not hold, or the first one missing below the anchor. <see cref="AnchoredSeq"/> is the
/// newest entry anchored outside the database (null before the first anchor is written).
/// </summary>
[GenerateSerializer, Alias("Lector.AuditVerification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long EntriesChecked,
    [property: Id(2)] long? FirstBrokenSeq,
    [property: Id(3)] string? Reason,
    [property: Id(4)] long? AnchoredSeq = null);

/// <summary>An entry of the audit log named by its place and hash: what is anchored outside the database.</summary>
[GenerateSerializer, Alias("Lector.AuditHead")]
public sealed record AuditHead([property: Id(0)] long Seq, [property: Id(1)] string Hash);

/// <summary>A JSON Lines export of the audit log in the blob store; <see cref="Name"/> is its file name there.</summary>
[GenerateSerializer, Alias("Lector.AuditExport")]
public sealed partial record AuditExport([property: Id(0)] string BlobKey, [property: Id(1)] long Entries)
{
    private const string Folder = "audit-exports/";

    public string Name => BlobKey[Folder.Length..];

    /// <summary>A new export's key: the time it was made, then a random part, so names sort by time and cannot be guessed.</summary>
    public static string NewKey(DateTimeOffset now) =>
        $"{Folder}{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture).ToLowerInvariant()}-{Guid.NewGuid():N}.jsonl";

    /// <summary>The key of the export named <paramref name="name"/>, or null when no export can have that name.</summary>
    public static string? KeyFor(string name) => ExportName().IsMatch(name) ? Folder + name : null;

    [GeneratedRegex("^[0-9]{8}t[0-9]{6}z-[0-9a-f]{32}\\.jsonl$")]
    private static partial Regex ExportName();
}

/// <summary>A synthesis or ingestion that failed for good, with a code and message safe to show.</summary>
[GenerateSerializer, Alias("Lector.FailureRecord")]
public sealed record FailureRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string DocumentId,
    [property: Id(3)] string? AudioId,
    [property: Id(4)] string OwnerId,
    [property: Id(5)] string Code,
    [property: Id(6)] string Message);

/// <summary>Counts kept as events happen. Days are UTC dates (yyyy-MM-dd).</summary>
[GenerateSerializer, Alias("Lector.AdminStatistics")]
public sealed record AdminStatistics(
    [property: Id(0)] long Documents,
    [property: Id(1)] long Pages,
    [property: Id(2)] IReadOnlyDictionary<string, long> AudioByStatus,
    [property: Id(3)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> CharactersByEngineByDay,
    [property: Id(4)] IReadOnlyDictionary<string, long> FailuresByDay);
