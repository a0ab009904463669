using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Notifications;

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
        Owner = (await TestAccounts.RegisterAsync(Client, "Owner")).Id;
        DocumentId = Guid.NewGuid().ToString("N");
        var document = Client.GetGrain<IDocumentGrain>(DocumentId);
        await document.Create(new NewDocument(Owner, "Lifecycle", text, null, null));
        for (var i = 0; i < 100 && (await document.Get(Owner)).Status == DocumentStatus.Processing; i++)
        {
            await Task.Delay(50);
        }

        return this;
    }

    /// <summary>Where the document's audio blobs are.</summary>
    public string AudioBlobPrefix => $"audio/{DocumentId}/";

    /// <summary>Requests the audio and, once its MP3 is stored but before the record that points to it, kills the silo it runs on and starts another.</summary>
    public async Task RequestAndKillItsSiloBeforeTheCommitAsync()
    {
        var stored = fixture.FaultyBlobs.HoldAfterNextPutOf(key => key.StartsWith(AudioBlobPrefix, StringComparison.Ordinal) && key.EndsWith(".mp3", StringComparison.Ordinal));
        var audio = Audio();
        await audio.Request(Owner);
        await stored.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(fixture.Cluster.TryGetGrainContext(audio.GetGrainId(), out var context));
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress)));
        await fixture.Cluster.StartAdditionalSiloAsync();
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
