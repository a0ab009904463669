namespace Lector.Abstractions.Admin;

/// <summary>Front door of the append-only, hash-chained audit log. Stateless: the store orders appends.</summary>
[Alias("Lector.IAuditGrain")]
public interface IAuditGrain : IGrainWithIntegerKey
{
    [Alias("Append")]
    Task Append(AuditRecord record);

    /// <summary>Newest first.</summary>
    [Alias("Query")]
    Task<PagedResult<AuditEntry>> Query(AuditFilter filter, PageRequest page);

    [Alias("Verify")]
    Task<AuditVerification> Verify();

    /// <summary>Writes the matching entries, oldest first, as JSON Lines to the blob store.</summary>
    [Alias("Export")]
    Task<AuditExport> Export(AuditFilter filter);
}
