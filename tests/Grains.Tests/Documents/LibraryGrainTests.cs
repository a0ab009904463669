using System.Globalization;
using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Grains.Collections;
using Lector.Grains.Documents;
using Lector.Grains.Storage;
using Lector.Grains.Tests.Collections;

namespace Lector.Grains.Tests.Documents;

[Collection(CollectionClusterCollection.Name)]
public sealed class LibraryGrainTests(CollectionClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_library_of_10000_documents_pages_right_and_one_more_writes_one_row_of_the_size_it_has_in_an_empty_library()
    {
        var user = NewUser();
        var library = fixture.Client.GetGrain<ILibraryGrain>(user);
        await fixture.Store.WriteAsync(new CollectionKey("library", user), [.. Enumerable.Range(0, 10_000).Select(i => Row(Summary(i)))]);

        var first = await library.List(new PageRequest(1, 50), new LibraryQuery(null, LibrarySort.Added));
        Assert.Equal(10_000, first.TotalItems);
        Assert.Equal(Enumerable.Range(9_950, 50).Reverse().Select(Id), first.Items.Select(s => s.Id));
        var last = await library.List(new PageRequest(200, 50), new LibraryQuery(null, LibrarySort.Added));
        Assert.Equal(Enumerable.Range(0, 50).Reverse().Select(Id), last.Items.Select(s => s.Id));
        Assert.Equal(Summary(0), last.Items[^1]);

        var emptyLibrary = new CollectionKey("library", NewUser());
        await fixture.Client.GetGrain<ILibraryGrain>(emptyLibrary.Owner).Upsert(Summary(10_000));
        var bytesInAnEmptyLibrary = Assert.Single(fixture.WritesTo(emptyLibrary)).Bytes;
        fixture.Writes.Clear();
        await library.Upsert(Summary(10_000));

        var write = Assert.Single(fixture.WritesTo(new CollectionKey("library", user)));
        Assert.Equal(Id(10_000), Assert.Single(write.Rows).Id);
        Assert.Equal(bytesInAnEmptyLibrary, write.Bytes);
        Assert.Equal(0, await fixture.GrainStateBytesAsync(user));

        var afterAdding = await library.List(new PageRequest(1, 50), new LibraryQuery(null, LibrarySort.Added));
        Assert.Equal(10_001, afterAdding.TotalItems);
        Assert.Equal(Summary(10_000), afterAdding.Items[0]);
        Assert.Equal([Summary(0)], (await library.List(new PageRequest(201, 50), new LibraryQuery(null, LibrarySort.Added))).Items);
        Assert.Empty((await library.List(new PageRequest(202, 50), new LibraryQuery(null, LibrarySort.Added))).Items);
    }

    [Fact]
    public async Task A_changed_summary_is_written_in_its_place_an_unchanged_one_not_at_all()
    {
        var user = NewUser();
        var library = fixture.Client.GetGrain<ILibraryGrain>(user);
        foreach (var i in new[] { 1, 2, 3 })
        {
            await library.Upsert(Summary(i));
        }

        await library.List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Added));
        fixture.Writes.Clear();
        await library.Upsert(Summary(2));
        Assert.Empty(fixture.WritesTo(new CollectionKey("library", user)));

        var ready = Summary(2) with { Status = DocumentStatus.Failed, UpdatedAt = Start.AddDays(1) };
        await library.Upsert(ready);
        await library.Remove(Id(3));
        await library.Remove(Id(3));

        Assert.Equal([ready, Summary(1)], (await library.List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Added))).Items);
        await fixture.DeactivateAllAsync();
        Assert.Equal([ready, Summary(1)], (await library.List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Added))).Items);
    }

    [Fact]
    public async Task A_library_kept_whole_in_the_grain_state_moves_into_rows_once_and_the_state_is_cleared()
    {
        var user = NewUser();
        var library = fixture.Client.GetGrain<ILibraryGrain>(user);
        var legacy = new SummaryIndexState<DocumentSummary> { Items = Enumerable.Range(0, 3_000).ToDictionary(Id, Summary) };
        await fixture.WriteGrainStateAsync(library, "library", legacy);
        Assert.True(await fixture.GrainStateBytesAsync(user) > 3_000 * 100);

        var page = await library.List(new PageRequest(2, 100), new LibraryQuery(null, LibrarySort.Added));

        Assert.Equal(3_000, page.TotalItems);
        Assert.Equal(Enumerable.Range(2_800, 100).Reverse().Select(Summary), page.Items);
        Assert.False((await fixture.ReadGrainStateAsync<SummaryIndexState<DocumentSummary>>(library, "library")).RecordExists);
        Assert.Equal(0, await fixture.GrainStateBytesAsync(user));
        Assert.Equal(3_000, await fixture.Store.CountAsync(new CollectionKey("library", user)));

        // A move that stopped after writing the rows but before clearing the state runs again on the next activation.
        await fixture.WriteGrainStateAsync(library, "library", legacy);
        await fixture.DeactivateAllAsync();
        await library.Upsert(Summary(3_000));

        Assert.False((await fixture.ReadGrainStateAsync<SummaryIndexState<DocumentSummary>>(library, "library")).RecordExists);
        Assert.Equal(3_001, (await library.List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Added))).TotalItems);
    }

    [Fact]
    public async Task A_listing_answers_the_version_alone_while_nothing_changed_and_the_page_again_after_any_change_or_reload()
    {
        var library = fixture.Client.GetGrain<ILibraryGrain>(NewUser());
        var paging = new PageRequest(1, 10);
        var query = new LibraryQuery(null, LibrarySort.Recent);
        await library.Upsert(Summary(1));

        var first = await library.ListIfChanged(paging, query, knownVersion: null);
        Assert.Equal([Summary(1)], first.Page!.Items);
        var unchanged = await library.ListIfChanged(paging, query, first.Version);
        Assert.Equal(first.Version, unchanged.Version);
        Assert.Null(unchanged.Page);

        // A version this activation never answered is not taken for current.
        Assert.NotNull((await library.ListIfChanged(paging, query, "someone-else.0.0")).Page);

        await library.Upsert(Summary(2));
        var added = await library.ListIfChanged(paging, query, first.Version);
        Assert.NotEqual(first.Version, added.Version);
        Assert.Equal([Summary(2), Summary(1)], added.Page!.Items);

        var heard = new ListeningPosition(2, 500, "local:en-us", Start.AddDays(1));
        await library.SavePosition(Id(1), heard);
        var listened = await library.ListIfChanged(paging, query, added.Version);
        Assert.Equal([Summary(1) with { Position = heard }, Summary(2)], listened.Page!.Items);

        // Counters start over in a new activation; the version must not.
        await fixture.DeactivateAllAsync();
        var reloaded = await library.ListIfChanged(paging, query, listened.Version);
        Assert.NotEqual(listened.Version, reloaded.Version);
        Assert.Equal(listened.Page.Items, reloaded.Page!.Items);
    }

    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    private static string Id(int i) => $"doc-{i.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>Summaries of one shape: ids and titles of one length, whole-minute times.</summary>
    [Fact]
    public async Task A_listing_searches_titles_ignoring_case_and_accents_and_orders_by_last_listened_title_or_added_with_each_position()
    {
        var library = fixture.Client.GetGrain<ILibraryGrain>(NewUser());
        var documents = new[] { ("a", "Économie du livre"), ("b", "Zebra crossings"), ("c", "The economy of attention") }
            .Select((d, i) => new DocumentSummary(d.Item1, d.Item2, DocumentStatus.Ready, 4, Start.AddMinutes(i), Start.AddMinutes(i), "pdf"))
            .ToList();
        foreach (var document in documents)
        {
            await library.Upsert(document);
        }

        var heardB = new ListeningPosition(3, 1_500, "local:en-us", Start.AddHours(1));
        await library.SavePosition("b", heardB);
        await library.SavePosition("a", new ListeningPosition(1, 0, "local:fr-fr", Start.AddHours(2)));
        await library.SavePosition("shared-with-me", new ListeningPosition(2, 10, "local:en-us", Start.AddHours(3)));

        async Task<IEnumerable<string>> Ids(string? search, LibrarySort sort) =>
            (await library.List(new PageRequest(1, 10), new LibraryQuery(search, sort))).Items.Select(d => d.Id);

        Assert.Equal(["a", "b", "c"], await Ids(null, LibrarySort.Recent));
        Assert.Equal(["c", "b", "a"], await Ids(null, LibrarySort.Added));
        Assert.Equal(["a", "c", "b"], await Ids(null, LibrarySort.Title));
        Assert.Equal(["a", "c"], await Ids("ECONOM", LibrarySort.Added) is var found ? found.Order() : []);
        Assert.Empty(await Ids("nothing like it", LibrarySort.Recent));

        var listed = (await library.List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Recent))).Items;
        Assert.Equal(heardB, listed[1].Position);
        Assert.Equal(heardB.UpdatedAt, listed[1].LastListenedAt);
        Assert.Null(listed[2].Position);
        Assert.Equal(2, (await library.GetPosition("shared-with-me"))!.Page);

        await library.Remove("b");
        Assert.Null(await library.GetPosition("b"));
        Assert.Equal(["a", "c"], await Ids(null, LibrarySort.Recent));
        Assert.Equal(["a", "c"], await Ids(null, LibrarySort.Title));

        // Orders already listed follow a new position and a new title.
        await library.SavePosition("c", new ListeningPosition(1, 0, "local:en-us", Start.AddHours(4)));
        Assert.Equal(["c", "a"], await Ids(null, LibrarySort.Recent));
        await library.Upsert(documents[0] with { Title = "Zz last" });
        Assert.Equal(["c", "a"], await Ids(null, LibrarySort.Title));
    }

    private static DocumentSummary Summary(int i) =>
        new(Id(i), $"Document {i.ToString("D6", CultureInfo.InvariantCulture)}", DocumentStatus.Ready, 3, Start.AddMinutes(i), Start.AddMinutes(i));

    private static CollectionRow Row(DocumentSummary summary) => new(summary.Id, summary.CreatedAt.UtcTicks, JsonSerializer.Serialize(summary, JsonGrainStateSerializer.Options));
}
