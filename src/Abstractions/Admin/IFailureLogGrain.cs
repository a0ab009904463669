using Orleans.Concurrency;

namespace Lector.Abstractions.Admin;

/// <summary>Recent failures of synthesis and ingestion (key 0), newest first, bounded.</summary>
[Alias("Lector.IFailureLogGrain")]
public interface IFailureLogGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task Add(FailureRecord failure);

    [Alias("List"), ReadOnly]
    Task<PagedResult<FailureRecord>> List(PageRequest page);
}
