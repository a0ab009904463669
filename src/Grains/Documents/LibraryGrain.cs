using Lector.Abstractions.Documents;
using Lector.Grains.Collections;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Documents;

public sealed class LibraryGrain(
    [PersistentState("library")] IPersistentState<SummaryIndexState<DocumentSummary>> legacyState,
    ICollectionStore store,
    ILogger<LibraryGrain> logger)
    : SummaryIndexGrain<DocumentSummary>(legacyState, store, logger), ILibraryGrain
{
    protected override string Kind => "library";

    protected override string IdOf(DocumentSummary summary) => summary.Id;

    protected override DateTimeOffset SortKeyOf(DocumentSummary summary) => summary.CreatedAt;
}
