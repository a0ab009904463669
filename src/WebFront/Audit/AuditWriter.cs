using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.WebFront.Batching;

namespace Lector.WebFront.Audit;

/// <summary>
/// This front's door to the audit log: the entries of requests that finish at the same moment go to the cluster in
/// one call, and each request still waits until its entry is stored.
/// </summary>
public sealed class AuditWriter
{
    /// <summary>At most this many entries per call (the audit grain commits up to this many in one transaction).</summary>
    private const int MaxEntriesPerCall = 500;

    private readonly CallCoalescer<int, AuditRecord, bool> _calls;

    public AuditWriter(IClusterClient cluster) =>
        _calls = new(async (_, records) =>
        {
            await cluster.Grain<IAuditGrain>(0).Append(records);
            return [.. records.Select(_ => true)];
        }, MaxEntriesPerCall);

    /// <summary>Completes once the entry is stored.</summary>
    public Task AppendAsync(AuditRecord record) => _calls.Enqueue(0, record);
}
