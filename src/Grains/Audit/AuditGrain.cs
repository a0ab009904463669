using System.Globalization;
using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Blobs;
using Orleans.Concurrency;

namespace Lector.Grains.Audit;

/// <summary>
/// Local to each silo (the store orders appends across silos), so recording an action never waits on one
/// hot activation elsewhere in the cluster.
/// </summary>
[StatelessWorker]
public sealed class AuditGrain(IAuditStore store, IBlobStore blobs, TimeProvider time) : Grain, IAuditGrain
{
    private const int MaxFieldLength = 200;
    private const int MaxUserAgentLength = 512;
    private static readonly JsonSerializerOptions JsonLines = new(JsonSerializerDefaults.Web);

    public Task Append(AuditRecord record) => store.AppendAsync(Bounded(record), time.GetUtcNow());

    public Task<PagedResult<AuditEntry>> Query(AuditFilter filter, PageRequest page) => store.QueryAsync(filter, page);

    public Task<AuditVerification> Verify() => AuditChain.VerifyAsync(store.ReadAsync(new AuditFilter(null, null, null, null)), CancellationToken.None);

    public async Task<AuditExport> Export(AuditFilter filter)
    {
        var now = time.GetUtcNow();
        var key = $"audit-exports/{now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture).ToLowerInvariant()}-{Guid.NewGuid():N}.jsonl";
        using var content = new MemoryStream();
        long count = 0;
        await foreach (var entry in store.ReadAsync(filter))
        {
            await JsonSerializer.SerializeAsync(content, entry, JsonLines);
            content.WriteByte((byte)'\n');
            count++;
        }

        content.Position = 0;
        await blobs.PutAsync(key, content);
        return new AuditExport(key, count);
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
}
