using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Notifications;
using Lector.Grains.Tests.Audio;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>Steps the lifecycle tests share: an owner with a document, completed audio, the owner's notifications.</summary>
internal sealed class LifecycleScenario(LifecycleClusterFixture fixture)
{
    public const string Voice = "local:en-us";

    public string Owner { get; private set; } = "";

    public string DocumentId { get; private set; } = "";

    public IClusterClient Client => fixture.Client;

    public async Task<LifecycleScenario> WithDocumentAsync(string text)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        Owner = (await Client.GetGrain<IAccountGrain>(email).Register(email, "correct horse battery", "Owner")).Id;
        DocumentId = Guid.NewGuid().ToString("N");
        var document = Client.GetGrain<IDocumentGrain>(DocumentId);
        await document.Create(new NewDocument(Owner, "Lifecycle", text, null, null));
        for (var i = 0; i < 100 && (await document.Get(Owner)).Status == DocumentStatus.Processing; i++)
        {
            await Task.Delay(50);
        }

        return this;
    }

    public IPageVoiceGrain Audio(string voice = Voice) => Client.GetGrain<IPageVoiceGrain>(new AudioKey(DocumentId, 1, voice).GrainKey);

    public async Task<AudioView> CompletedAudioAsync(string voice = Voice)
    {
        await Audio(voice).Request(Owner);
        var done = await TestDocuments.WaitForFinalAsync(Audio(voice), Owner);
        Assert.Equal(AudioStatus.Completed, done.Status);
        return done;
    }

    public async Task<string> PageTextAsync() => (await Client.GetGrain<IDocumentGrain>(DocumentId).GetPage(Owner, 1)).Content.Text;

    public async Task<int> ExpiryWarningsAsync() =>
        (await Client.GetGrain<INotificationInboxGrain>(Owner).List(new PageRequest(1, 100))).Items.Count(n => n.Kind == "audio.expiring");

    public async Task<int> AudioCountOfPageAsync() =>
        (await Client.GetGrain<IDocumentGrain>(DocumentId).ListPages(Owner, new PageRequest(1, 10))).Items[0].AudioCount;
}
