using Lector.Abstractions.Documents;

namespace Lector.Grains.Documents;

public sealed class LibraryGrain(
    [PersistentState("library")] IPersistentState<SummaryIndexState<DocumentSummary>> state)
    : SummaryIndexGrain<DocumentSummary>(state), ILibraryGrain
{
    protected override string IdOf(DocumentSummary summary) => summary.Id;

    protected override DateTimeOffset SortKeyOf(DocumentSummary summary) => summary.CreatedAt;
}
