using Lector.Abstractions;
using Lector.Abstractions.Sharing;
using Lector.Grains.Collections;
using Lector.Grains.Documents;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Sharing;

public sealed class SharedWithMeGrain(
    [PersistentState("sharedWithMe")] IPersistentState<SummaryIndexState<SharedDocumentSummary>> legacyState,
    ICollectionStore store,
    ILogger<SharedWithMeGrain> logger)
    : SummaryIndexGrain<SharedDocumentSummary>(legacyState, store, logger), ISharedWithMeGrain
{
    protected override string Kind => "sharedWithMe";

    public Task<PagedResult<SharedDocumentSummary>> List(PageRequest request) => Summaries.PageAsync(request);

    protected override string IdOf(SharedDocumentSummary summary) => summary.Id;

    protected override DateTimeOffset SortKeyOf(SharedDocumentSummary summary) => summary.SharedAt;
}
