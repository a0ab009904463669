using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Links;
using Lector.Grains.Speech;

namespace Lector.Grains.Links;

/// <summary>
/// A document's public links, keyed by document id. The list is written before a link's own grain, and a link's grain
/// ends before it leaves the list, so every link that may work is on the list, for revoking and for the document's delete.
/// </summary>
public sealed class DocumentLinksGrain(
    [PersistentState("documentLinks")] IPersistentState<DocumentLinksState> state,
    SpeechEngines engines,
    TimeProvider time) : Grain, IDocumentLinksGrain, IDocumentLinksMaintenanceGrain
{
    private string DocumentId => this.GetPrimaryKeyString();

    private Dictionary<string, PublicLinkRecord> Links => state.State.Links;

    public async Task<IssuedPublicLink> Create(string callerId, string voice, DateTimeOffset? expiresAt)
    {
        await AuthorizeAsync(callerId);
        var now = time.GetUtcNow();
        var end = expiresAt ?? now + PublicLinkLimits.DefaultLifetime;
        if (end <= now)
        {
            throw LectorException.Invalid("expiresAt", "link.expiry_not_future");
        }

        if (end > now + PublicLinkLimits.MaxLifetime)
        {
            throw LectorException.Invalid("expiresAt", "link.expiry_too_far");
        }

        if (await engines.ResolveAsync(voice, CancellationToken.None) is null)
        {
            throw LectorException.Invalid("voice", "voice.not_found");
        }

        await ForgetExpiredAsync(now);
        if (Links.Count >= PublicLinkLimits.MaxLinks)
        {
            throw new LectorException(ErrorKind.Conflict, "link.too_many");
        }

        var secret = Secrets.NewToken(PublicLinkLimits.SecretPrefix);
        var id = Secrets.NewId();
        var record = new PublicLinkRecord { SecretHash = Secrets.Hash(secret), Voice = voice, CreatedBy = callerId, CreatedAt = now, ExpiresAt = end };
        Links[id] = record;
        await state.WriteStateAsync();
        await Link(record).Issue(new PublicLinkTarget(DocumentId, id, voice, callerId, end));
        return new IssuedPublicLink(Info(id, record), secret);
    }

    public async Task<IReadOnlyList<PublicLinkInfo>> List(string callerId)
    {
        await AuthorizeAsync(callerId);
        var now = time.GetUtcNow();
        return [.. Links.Where(l => l.Value.ExpiresAt > now).OrderByDescending(l => l.Value.CreatedAt).Select(l => Info(l.Key, l.Value))];
    }

    public async Task Revoke(string callerId, string linkId)
    {
        var permission = await AuthorizeAsync(callerId);
        var link = Links.GetValueOrDefault(linkId) ?? throw LectorException.NotFound("link.not_found");
        if (permission != Permission.Owner && link.CreatedBy != callerId)
        {
            throw LectorException.Invalid("linkId", "link.created_by_other");
        }

        await Link(link).End();
        Links.Remove(linkId);
        await state.WriteStateAsync();
    }

    public async Task RemoveAll()
    {
        await Task.WhenAll(Links.Values.Select(l => Link(l).End()));
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    /// <summary>Links past their end answer 404 by themselves; this only keeps them from filling the list and storage.</summary>
    private async Task ForgetExpiredAsync(DateTimeOffset now)
    {
        var expired = Links.Where(l => l.Value.ExpiresAt <= now).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        await Task.WhenAll(expired.Select(l => Link(l.Value).End()));
        foreach (var (id, _) in expired)
        {
            Links.Remove(id);
        }

        await state.WriteStateAsync();
    }

    /// <summary>Share permission (or ownership) on an existing document; otherwise not-found.</summary>
    private Task<Permission> AuthorizeAsync(string callerId) =>
        GrainFactory.Grain<IDocumentGrain>(DocumentId).Authorize(callerId, Permission.Share);

    private IPublicLinkGrain Link(PublicLinkRecord record) => GrainFactory.Grain<IPublicLinkGrain>(record.SecretHash);

    private static PublicLinkInfo Info(string id, PublicLinkRecord record) => new(id, record.Voice, record.CreatedAt, record.ExpiresAt, record.CreatedBy);
}
