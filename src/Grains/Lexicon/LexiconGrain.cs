using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Lexicon;
using Lector.Abstractions.Work;
using Lector.Grains.Storage;
using Lector.Grains.Work;

namespace Lector.Grains.Lexicon;

public sealed class LexiconState
{
    public List<LexiconEntry> Entries { get; set; } = [];

    /// <summary>
    /// Graphemes whose pronunciation changed and whose audio is still to be marked stale: saved with the change and
    /// cleared once every affected page is marked, so a marking cut short by a crash is finished by <see cref="LexiconGrain.Resume"/>.
    /// </summary>
    public List<string> Unmarked { get; set; } = [];
}

/// <summary>
/// A user's pronunciation lexicon (keyed by user id), applied to the audio of the documents the user owns. A change
/// marks stale only audio that may sound different now: of the owner's documents (from the library), only pages that
/// have audio (from the audio table, one query per document) are asked, and each marks its audio stale only when its
/// text contains a grapheme whose entry was added, changed or removed; a document with such a page moves its version on,
/// so its exports are stale too.
/// </summary>
public sealed class LexiconGrain(
    [PersistentState("lexicon")] IPersistentState<LexiconState> state,
    IAudioRecords audioRecords,
    PendingWork pendingWork) : Grain, ILexiconGrain, IResumableGrain
{
    private const int DocumentsPerRound = PageRequest.MaxPageSize;

    private string UserId => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<LexiconEntry>> Get() => Task.FromResult<IReadOnlyList<LexiconEntry>>(state.State.Entries);

    public async Task<IReadOnlyList<LexiconEntry>> Replace(IReadOnlyList<LexiconEntry> entries)
    {
        var valid = LexiconRules.Validate(entries);
        var changed = Changed(state.State.Entries, valid);
        if (changed.Count == 0 && valid.SequenceEqual(state.State.Entries))
        {
            return state.State.Entries;
        }

        state.State.Entries = [.. valid];
        state.State.Unmarked = [.. state.State.Unmarked.Union(changed, StringComparer.Ordinal)];
        if (state.State.Unmarked.Count > 0)
        {
            await pendingWork.AddAsync(this.GetGrainId());
        }

        await state.WriteStateAsync();
        await MarkAffectedAudioStaleAsync();
        return state.State.Entries;
    }

    public Task Resume() => MarkAffectedAudioStaleAsync();

    /// <summary>Graphemes spoken differently under <paramref name="after"/> than under <paramref name="before"/>.</summary>
    private static List<string> Changed(IReadOnlyList<LexiconEntry> before, IReadOnlyList<LexiconEntry> after)
    {
        var old = before.ToDictionary(e => e.Grapheme, StringComparer.Ordinal);
        var now = after.ToDictionary(e => e.Grapheme, StringComparer.Ordinal);
        return [.. old.Keys.Union(now.Keys, StringComparer.Ordinal)
            .Where(g => !old.TryGetValue(g, out var was) || !now.TryGetValue(g, out var @is) || was != @is)];
    }

    private async Task MarkAffectedAudioStaleAsync()
    {
        if (state.State.Unmarked.Count == 0)
        {
            await pendingWork.RemoveAsync(this.GetGrainId());
            return;
        }

        var graphemes = state.State.Unmarked.ToList();
        var library = GrainFactory.Grain<ILibraryGrain>(UserId);
        for (var round = 1; ; round++)
        {
            var documents = await library.List(new PageRequest(round, DocumentsPerRound), new LibraryQuery(null, LibrarySort.Added));
            await Task.WhenAll(documents.Items.Select(d => MarkDocumentAsync(d.Id, graphemes)));
            if (round >= documents.TotalPages)
            {
                break;
            }
        }

        state.State.Unmarked = [];
        await state.WriteStateAsync();
        await pendingWork.RemoveAsync(this.GetGrainId());
    }

    /// <summary>Marks the pages' audio, and when any page was affected, the document's version (its exports are stale then).</summary>
    private async Task MarkDocumentAsync(string documentId, IReadOnlyList<string> graphemes)
    {
        var pagesWithAudio = await audioRecords.AudioCountsAsync(documentId);
        var marked = await Task.WhenAll(pagesWithAudio.Keys.Select(page =>
            GrainFactory.Grain<IPageGrain>(PageKey.For(documentId, page)).MarkAudioStaleWhereSpoken(graphemes)));
        if (marked.Any(m => m))
        {
            await GrainFactory.Grain<IDocumentGrain>(documentId).OnSpeechChanged();
        }
    }
}
