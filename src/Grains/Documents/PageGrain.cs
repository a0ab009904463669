using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Grains.Lexicon;
using Lector.Grains.Storage;
using Lector.Grains.Work;

namespace Lector.Grains.Documents;

public sealed class PageState
{
    public PageContent? Content { get; set; }
}

/// <summary>
/// One page: its text, and the arbiter of its audio slots. Slots are not stored here: a voice holds one from
/// the moment its audio record is written until that record is deleted, so the page reads the live records when
/// it activates, and between reservation and the record's first write its own single activation holds the slot.
/// A new voice therefore costs the page no state write. A page holding slots whose silo stops moves to another
/// silo with them, since the records of audio still in synthesis cannot vouch for theirs yet.
/// </summary>
public sealed class PageGrain(
    [PersistentState("page")] IPersistentState<PageState> state,
    IAudioRecords audioRecords) : Grain, IPageGrain, IGrainMigrationParticipant
{
    private const string VoicesKey = "lector.voices";

    private List<string> _voices = [];

    /// <summary>The slots came with the activation from a silo that stopped, so the records are not read again.</summary>
    private bool _movedHere;

    private string DocumentId => this.GetPrimaryKeyString().Split('/')[0];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_movedHere && state.State.Content is { } content)
        {
            _voices = [.. await audioRecords.VoicesOnPageAsync(DocumentId, content.Number, cancellationToken)];
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        this.MoveIfSiloStops(reason, worthMoving: _voices.Count > 0);

    public void OnDehydrate(IDehydrationContext migrationContext) => migrationContext.TryAddValue(VoicesKey, _voices);

    public void OnRehydrate(IRehydrationContext migrationContext)
    {
        if (migrationContext.TryGetValue<List<string>>(VoicesKey, out var voices) && voices is not null)
        {
            _voices = voices;
            _movedHere = true;
        }
    }

    public async Task Initialize(PageContent content)
    {
        if (state.State.Content == content)
        {
            return;
        }

        state.State.Content = content;
        await state.WriteStateAsync();
    }

    public async Task<PageContent> UpdateText(string text)
    {
        var content = state.State.Content ?? throw LectorException.NotFound("page.not_found");
        state.State.Content = TextPaginator.PageFromText(content.Number, content.Title, text, content.Label);
        await state.WriteStateAsync();
        await MarkAudioStale();
        return state.State.Content;
    }

    public Task MarkAudioStale() => Task.WhenAll(_voices.Select(v => AudioOf(v).MarkStale()));

    public async Task<bool> MarkAudioStaleWhereSpoken(IReadOnlyList<string> graphemes)
    {
        if (state.State.Content is not { } content || !PronunciationLexicon.Of(graphemes).OccursIn(content.Text))
        {
            return false;
        }

        await MarkAudioStale();
        return true;
    }

    public Task<PageContent?> GetContent() => Task.FromResult(state.State.Content);

    public async Task<bool> ReserveVoice(string voice, int maxVoices)
    {
        var content = state.State.Content ?? throw LectorException.NotFound("page.not_found");
        if (_voices.Contains(voice))
        {
            return true;
        }

        if (_voices.Count >= maxVoices)
        {
            return false;
        }

        _voices.Add(voice);
        await Document.OnPageAudioCountChanged(content.Number, _voices.Count);
        return true;
    }

    public async Task ReleaseVoice(string voice)
    {
        if (state.State.Content is { } content && _voices.Remove(voice))
        {
            await Document.OnPageAudioCountChanged(content.Number, _voices.Count);
        }
    }

    public Task<IReadOnlyList<string>> ListVoices() => Task.FromResult<IReadOnlyList<string>>([.. _voices]);

    public async Task<IReadOnlyList<AudioView>> ListAudio()
    {
        var audio = await Task.WhenAll(_voices.Select(v => AudioOf(v).Peek()));
        return [.. audio.OfType<AudioView>()];
    }

    public async Task Purge()
    {
        await Task.WhenAll(_voices.Select(v => AudioOf(v).Purge()));
        _voices.Clear();
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private IDocumentGrain Document => GrainFactory.Grain<IDocumentGrain>(DocumentId);

    private IPageVoiceMaintenanceGrain AudioOf(string voice) =>
        GrainFactory.Grain<IPageVoiceMaintenanceGrain>(new AudioKey(DocumentId, state.State.Content!.Number, voice).GrainKey);
}
