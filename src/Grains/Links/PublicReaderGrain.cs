using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Links;
using Orleans.Concurrency;

namespace Lector.Grains.Links;

/// <summary>
/// Reads a document through a public link. Stateless: each call finds the link by its secret's hash, checks that the
/// link's maker may still share the document, and reads as the maker, through the document's own grains, so what a
/// link shows follows the same rules (and the same page-voice path) as the reader of a signed-in user.
/// </summary>
[StatelessWorker]
public sealed class PublicReaderGrain : Grain, IPublicReaderGrain
{
    public async Task<PublicDocumentView> Describe(string secret)
    {
        var (target, document) = await OpenAsync(secret);
        return new PublicDocumentView(document.Title, document.PageCount, target.Voice, document.Language, target.ExpiresAt);
    }

    public async Task<PublicPageView> GetPage(string secret, int number)
    {
        var (target, _) = await OpenAsync(secret);
        var page = (await GrainFactory.Grain<IDocumentGrain>(target.DocumentId).GetPage(target.CreatedBy, number)).Content;
        return new PublicPageView(page.Number, page.Label, page.Text, page.Html);
    }

    public async Task<PublicAudioView> RequestAudio(string secret, int number)
    {
        var (target, audio) = await OpenAudioAsync(secret, number);
        var view = (await audio.Request(target.CreatedBy)).Audio;
        return new PublicAudioView(view.Status, view.DurationMs, view.Format, view.Error);
    }

    public async Task<AudioContent> OpenContent(string secret, int number)
    {
        var (target, audio) = await OpenAudioAsync(secret, number);
        return await audio.OpenContent(target.CreatedBy);
    }

    public async Task<string> OpenMarks(string secret, int number)
    {
        var (target, audio) = await OpenAudioAsync(secret, number);
        return await audio.OpenMarks(target.CreatedBy);
    }

    private async Task<(PublicLinkTarget Target, IPageVoiceGrain Audio)> OpenAudioAsync(string secret, int number)
    {
        var (target, document) = await OpenAsync(secret);
        if (number < 1 || number > document.PageCount)
        {
            throw LectorException.NotFound("page.not_found");
        }

        return (target, GrainFactory.Grain<IPageVoiceGrain>(new AudioKey(target.DocumentId, number, target.Voice).GrainKey));
    }

    /// <summary>The live link of <paramref name="secret"/> and its document; <c>link.not_found</c> for anything else.</summary>
    private async Task<(PublicLinkTarget Target, DocumentReference Document)> OpenAsync(string secret)
    {
        if (secret.Length > PublicLinkLimits.MaxSecretLength || !secret.StartsWith(PublicLinkLimits.SecretPrefix, StringComparison.Ordinal))
        {
            throw LectorException.NotFound("link.not_found");
        }

        var target = await GrainFactory.Grain<IPublicLinkGrain>(Secrets.Hash(secret)).Resolve() ?? throw LectorException.NotFound("link.not_found");
        var document = GrainFactory.Grain<IDocumentGrain>(target.DocumentId);
        try
        {
            // A maker who may no longer share the document (or a document being deleted) takes the link along.
            await document.Authorize(target.CreatedBy, Permission.Share);
        }
        catch (LectorException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw LectorException.NotFound("link.not_found");
        }

        return (target, await document.Describe() ?? throw LectorException.NotFound("link.not_found"));
    }
}
