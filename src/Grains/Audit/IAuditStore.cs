using Lector.Abstractions;
using Lector.Abstractions.Admin;

namespace Lector.Grains.Audit;

/// <summary>
/// The audit table in the database that holds grain state, created by that database's migration scripts. An
/// implementation appends under a lock that orders writers (SQLite: an immediate transaction; PostgreSQL: a
/// transaction-scoped advisory lock), reads the last entry inside it and seals the new one with
/// <see cref="AuditChain"/>, so the chain stays linear however many silos append at once.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends the records in order, in one transaction (a group commit), and returns their sealed entries.</summary>
    Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditRecord> records, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Matching entries, newest first.</summary>
    Task<PagedResult<AuditEntry>> QueryAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The entry at <paramref name="seq"/>, or null when the log has none there.</summary>
    Task<AuditEntry?> GetAsync(long seq, CancellationToken cancellationToken = default);

    /// <summary>Matching entries, oldest first, streamed.</summary>
    IAsyncEnumerable<AuditEntry> ReadAsync(AuditFilter filter, CancellationToken cancellationToken = default);
}
