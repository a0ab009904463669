using Lector.Abstractions.Links;

namespace Lector.Grains.Links;

public sealed class PublicLinkState
{
    public string DocumentId { get; set; } = "";

    public string LinkId { get; set; } = "";

    public string Voice { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>One link, keyed by the hash of its secret: where it leads and until when. Its document's list knows every one.</summary>
public sealed class PublicLinkGrain(
    [PersistentState("publicLink")] IPersistentState<PublicLinkState> state,
    TimeProvider time) : Grain, IPublicLinkGrain
{
    public async Task Issue(PublicLinkTarget target)
    {
        state.State = new PublicLinkState
        {
            DocumentId = target.DocumentId,
            LinkId = target.LinkId,
            Voice = target.Voice,
            CreatedBy = target.CreatedBy,
            ExpiresAt = target.ExpiresAt,
        };
        await state.WriteStateAsync();
    }

    public Task<PublicLinkTarget?> Resolve()
    {
        var link = state.State;
        return Task.FromResult(state.RecordExists && time.GetUtcNow() < link.ExpiresAt
            ? new PublicLinkTarget(link.DocumentId, link.LinkId, link.Voice, link.CreatedBy, link.ExpiresAt)
            : null);
    }

    public async Task End()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }
}
