using System.Diagnostics.Metrics;
using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Lector.Grains.Audit;

/// <summary>
/// Local to each silo (the store orders appends across silos), so recording an action never waits on one
/// hot activation elsewhere in the cluster. One activation per silo, reentrant, commits in groups: the records that
/// arrive while a transaction is under way go into the next one together, so a burst of audited requests costs a
/// few transactions instead of one each, and the chain is sealed in arrival order. An append is answered once its
/// entry is stored; the anchor follows right after, off the caller's path (it is a witness against later deletion, not
/// part of the record), and <see cref="Verify"/> waits for it.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed partial class AuditGrain(IAuditStore store, IBlobStore blobs, TimeProvider time, ILogger<AuditGrain> logger) : Grain, IAuditGrain
{
    private const int MaxFieldLength = 200;
    private const int MaxUserAgentLength = 512;

    /// <summary>Bounds one transaction (but for a single larger call), so a very long queue still commits (and answers) in steps.</summary>
    private const int MaxGroupSize = 500;

    private static readonly JsonSerializerOptions JsonLines = new(JsonSerializerDefaults.Web);

    private static readonly Counter<long> ExportedEntries = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.audit.exported_entries", "{entry}", "Audit entries written to export files.");

    private readonly Queue<QueuedRecords> _queued = new();
    private bool _committing;
    private Task _anchoring = Task.CompletedTask;

    public Task Append(IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queued.Enqueue(new QueuedRecords([.. records.Select(Bounded)], appended));
        if (!_committing)
        {
            _committing = true;
            CommitQueuedAsync().Ignore();
        }

        return appended.Task;
    }

    /// <summary>Commits the queue group by group until it is empty; each group's callers hear once it is stored.</summary>
    private async Task CommitQueuedAsync()
    {
        try
        {
            while (_queued.Count > 0)
            {
                List<QueuedRecords> group = [_queued.Dequeue()];
                var size = group[0].Records.Length;
                while (_queued.TryPeek(out var next) && size + next.Records.Length <= MaxGroupSize)
                {
                    group.Add(_queued.Dequeue());
                    size += next.Records.Length;
                }

                try
                {
                    // Off the activation (Microsoft.Data.Sqlite runs its async methods synchronously), so the records
                    // arriving meanwhile are queued for the next group instead of waiting behind this one.
                    AuditRecord[] records = [.. group.SelectMany(q => q.Records)];
                    var at = time.GetUtcNow();
                    var entries = await Task.Run(() => store.AppendAsync(records, at));
                    group.ForEach(q => q.Appended.TrySetResult());
                    _anchoring = AnchorAsync(entries[^1]);
                }
                catch (Exception e)
                {
                    group.ForEach(q => q.Appended.TrySetException(e));
                }
            }
        }
        finally
        {
            _committing = false;
        }
    }

    /// <summary>Moves the anchor to the newest stored entry; never throws (the anchor catches up with a later append).</summary>
    private async Task AnchorAsync(AuditEntry newest)
    {
        try
        {
            await GrainFactory.Grain<IAuditAnchorGrain>(0).Advance(new AuditHead(newest.Seq, newest.Hash));
        }
        catch (Exception e)
        {
            LogNotAnchored(logger, e, newest.Seq);
        }
    }

    public async Task<PagedResult<AuditEntry>> Query(AuditFilter filter, PageRequest page)
    {
        if (await ByUserIdAsync(filter) is not { } byUserId)
        {
            return new PagedResult<AuditEntry>([], page.Page, page.PageSize, 0);
        }

        var result = await store.QueryAsync(byUserId, page);
        return result with { Items = await WithEmailsAsync(result.Items) };
    }

    /// <summary>The anchor is read before the log, so it names an entry the log had when it is read.</summary>
    public async Task<AuditVerification> Verify()
    {
        await _anchoring;
        AuditHead? anchor;
        try
        {
            anchor = await AuditAnchor.ReadAsync(blobs);
        }
        catch (InvalidDataException)
        {
            return new AuditVerification(false, 0, null, "anchor_unreadable");
        }

        return await AuditChain.VerifyAsync(store.ReadAsync(new AuditFilter(null, null, null, null)), anchor, CancellationToken.None);
    }

    public async Task<AuditExport> Export(AuditFilter filter)
    {
        var key = AuditExport.NewKey(time.GetUtcNow());
        using var content = new MemoryStream();
        long count = 0;
        var byUserId = await ByUserIdAsync(filter);
        await foreach (var entry in byUserId is null ? AsyncEnumerable.Empty<AuditEntry>() : store.ReadAsync(byUserId))
        {
            await JsonSerializer.SerializeAsync(content, entry, JsonLines);
            content.WriteByte((byte)'\n');
            count++;
        }

        content.Position = 0;
        await blobs.PutAsync(key, content);
        ExportedEntries.Add(count);
        return new AuditExport(key, count);
    }

    /// <summary>
    /// The filter with its e-mail turned into the user id the log keeps; null when no account has that e-mail (or it
    /// belongs to someone other than the user id also asked for), which matches nothing.
    /// </summary>
    private async Task<AuditFilter?> ByUserIdAsync(AuditFilter filter)
    {
        if (filter.Email is not { } email)
        {
            return filter;
        }

        var userId = await GrainFactory.Grain<IAccountGrain>(EmailAddresses.Normalize(email)).GetUserId();
        return userId is null || (filter.UserId is not null && filter.UserId != userId) ? null : filter with { UserId = userId, Email = null };
    }

    /// <summary>
    /// The entries with their actors' e-mails. One profile read per distinct person on the page (a page holds at most
    /// <see cref="PageRequest.MaxPageSize"/> entries, mostly of a few people), not per entry; the system and anonymous
    /// callers are not people.
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>> WithEmailsAsync(IReadOnlyList<AuditEntry> entries)
    {
        var people = entries.Select(e => e.ActorId).Where(Secrets.IsId).Distinct(StringComparer.Ordinal).ToList();
        var profiles = await Task.WhenAll(people.Select(id => GrainFactory.Grain<IUserGrain>(id).GetProfile()));
        var emails = profiles.OfType<UserProfile>().ToDictionary(p => p.Id, p => p.Email, StringComparer.Ordinal);
        return [.. entries.Select(e => emails.TryGetValue(e.ActorId, out var email) ? e with { ActorEmail = email } : e)];
    }

    /// <summary>Caps client-supplied values (user agent above all) so a request cannot bloat the log.</summary>
    private static AuditRecord Bounded(AuditRecord record) => record with
    {
        ActorId = Cap(record.ActorId, MaxFieldLength),
        Action = Cap(record.Action, MaxFieldLength),
        TargetType = Cap(record.TargetType, MaxFieldLength),
        TargetId = Cap(record.TargetId, MaxFieldLength),
        Ip = Cap(record.Ip, MaxFieldLength),
        UserAgent = Cap(record.UserAgent, MaxUserAgentLength),
        Outcome = Cap(record.Outcome, MaxFieldLength),
    };

    private static string Cap(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record QueuedRecords(AuditRecord[] Records, TaskCompletionSource Appended);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit entry {Seq} is stored but was not anchored: the anchor grain did not answer")]
    private static partial void LogNotAnchored(ILogger logger, Exception exception, long seq);
}
