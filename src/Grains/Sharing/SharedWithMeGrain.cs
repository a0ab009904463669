using Lector.Abstractions.Sharing;
using Lector.Grains.Documents;

namespace Lector.Grains.Sharing;

public sealed class SharedWithMeGrain(
    [PersistentState("sharedWithMe")] IPersistentState<SummaryIndexState<SharedDocumentSummary>> state)
    : SummaryIndexGrain<SharedDocumentSummary>(state), ISharedWithMeGrain
{
    protected override string IdOf(SharedDocumentSummary summary) => summary.Id;

    protected override DateTimeOffset SortKeyOf(SharedDocumentSummary summary) => summary.SharedAt;
}
