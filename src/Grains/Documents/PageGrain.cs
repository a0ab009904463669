using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Documents;

public sealed class PageState
{
    public PageContent? Content { get; set; }

    /// <summary>The voices holding one of this page's audio slots.</summary>
    public List<string> Voices { get; set; } = [];
}

public sealed class PageGrain(
    [PersistentState("page")] IPersistentState<PageState> state) : Grain, IPageGrain
{
    private string DocumentId => this.GetPrimaryKeyString().Split('/')[0];

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
        state.State.Content = TextPaginator.PageFromText(content.Number, content.Title, text);
        await state.WriteStateAsync();
        await Task.WhenAll(state.State.Voices.Select(v => AudioOf(v).MarkStale()));
        return state.State.Content;
    }

    public Task<PageContent?> GetContent() => Task.FromResult(state.State.Content);

    public async Task<bool> ReserveVoice(string voice, int maxVoices)
    {
        var content = state.State.Content ?? throw LectorException.NotFound("page.not_found");
        if (state.State.Voices.Contains(voice))
        {
            return true;
        }

        if (state.State.Voices.Count >= maxVoices)
        {
            return false;
        }

        state.State.Voices.Add(voice);
        await state.WriteStateAsync();
        await Document.OnPageAudioCountChanged(content.Number, state.State.Voices.Count);
        return true;
    }

    public async Task ReleaseVoice(string voice)
    {
        if (state.State.Content is { } content && state.State.Voices.Remove(voice))
        {
            await state.WriteStateAsync();
            await Document.OnPageAudioCountChanged(content.Number, state.State.Voices.Count);
        }
    }

    public Task<IReadOnlyList<string>> ListVoices() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Voices]);

    public async Task<IReadOnlyList<AudioView>> ListAudio()
    {
        var audio = await Task.WhenAll(state.State.Voices.Select(v => AudioOf(v).Peek()));
        return [.. audio.OfType<AudioView>()];
    }

    public async Task Purge()
    {
        await Task.WhenAll(state.State.Voices.Select(v => AudioOf(v).Purge()));
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private IDocumentGrain Document => GrainFactory.GetGrain<IDocumentGrain>(DocumentId);

    private IPageVoiceGrain AudioOf(string voice) =>
        GrainFactory.GetGrain<IPageVoiceGrain>(new AudioKey(DocumentId, state.State.Content!.Number, voice).GrainKey);
}
