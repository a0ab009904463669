namespace Lector.Abstractions.Admin;

/// <summary>Front door of the append-only, hash-chained audit log. Stateless: the store orders appends.</summary>
[Alias("Lector.IAuditGrain")]
public interface IAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Answers once the entries are stored (in this order); their anchor follows right after.</summary>
    [Alias("AppendRecords")]
    Task Append(IReadOnlyList<AuditRecord> records);

    /// <summary>Newest first.</summary>
    [Alias("Query")]
    Task<PagedResult<AuditEntry>> Query(AuditFilter filter, PageRequest page);

    /// <summary>Checks the chain against the anchor, once the anchor holds every append this silo answered before.</summary>
    [Alias("Verify")]
    Task<AuditVerification> Verify();

    /// <summary>Writes the matching entries, oldest first, as JSON Lines to the blob store.</summary>
    [Alias("Export")]
    Task<AuditExport> Export(AuditFilter filter);
}
