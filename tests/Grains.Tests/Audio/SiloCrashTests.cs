using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Audio;

/// <summary>A silo dies while it synthesizes: the survivors finish the work, and there is still one audio and one blob.</summary>
public sealed class SiloCrashTests(SiloCrashTests.SlowEngineCluster fixture) : IClassFixture<SiloCrashTests.SlowEngineCluster>
{
    [Fact]
    public async Task Killing_the_silo_mid_synthesis_still_leaves_exactly_one_completed_audio_and_one_blob()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Cluster.Client, "A page whose silo dies while it is being spoken.");
        var key = new AudioKey(documentId, 1, "local:en-us");
        var audio = fixture.Cluster.Client.GetGrain<IPageVoiceGrain>(key.GrainKey);
        await audio.Request(owner);
        for (var i = 0; i < 300 && fixture.SlowEngine.CallsFor(text) == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, fixture.SlowEngine.CallsFor(text));
        Assert.True(fixture.Cluster.TryGetGrainContext(audio.GetGrainId(), out var context));
        var host = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await fixture.Cluster.KillSiloAsync(host);

        // A replacement silo resumes the pending work at start-up; no new request is made.
        await fixture.Cluster.StartAdditionalSiloAsync();
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);

        Assert.Equal(AudioStatus.Completed, done.Status);
        var blobs = Directory.GetFiles(Path.Combine(fixture.DataDirectory, "blobs", "audio", documentId), "*.mp3", SearchOption.AllDirectories);
        Assert.Single(blobs);
        Assert.Equal(done.SizeBytes, new FileInfo(blobs[0]).Length);
        var again = await audio.Request(owner);
        Assert.False(again.Created);
        Assert.Equal(done.Id, again.Audio.Id);
    }

    /// <summary>The usual two-silo cluster, its engine held for a while on every synthesis; its own, since a silo is killed.</summary>
    public sealed class SlowEngineCluster : LectorClusterFixture
    {
        public CountingSpeechEngine SlowEngine { get; } = new(new DelayedSpeechEngine(new EspeakEngine(Options.Create(new EspeakOptions())), TimeSpan.FromSeconds(3)));

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.RemoveAll<ISpeechEngine>();
            services.AddSingleton<ISpeechEngine>(SlowEngine);
        }
    }
}
