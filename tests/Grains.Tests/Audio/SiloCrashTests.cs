using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Lector.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace Lector.Grains.Tests.Audio;

/// <summary>A silo dies while it synthesizes: the survivors finish the work, and there is still one audio and one blob.</summary>
public sealed class SiloCrashTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly CountingSpeechEngine _engine = new(new SlowEngine(new EspeakEngine(Options.Create(new EspeakOptions())), TimeSpan.FromSeconds(3)));
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:DataDirectory"] = _data.Path })
            .Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLectorGrains(configuration);
            silo.Services.RemoveAll<ISpeechEngine>();
            silo.Services.AddSingleton<ISpeechEngine>(_engine);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Killing_the_silo_mid_synthesis_still_leaves_exactly_one_completed_audio_and_one_blob()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(_cluster.Client, "A page whose silo dies while it is being spoken.");
        var key = new AudioKey(documentId, 1, "local:en-us");
        var audio = _cluster.Client.GetGrain<IPageVoiceGrain>(key.GrainKey);
        await audio.Request(owner);
        for (var i = 0; i < 50 && _engine.CallsFor(text) == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, _engine.CallsFor(text));
        Assert.True(_cluster.TryGetGrainContext(audio.GetGrainId(), out var context));
        var host = _cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await _cluster.KillSiloAsync(host);

        // A replacement silo resumes the pending work at start-up; no new request is made.
        await _cluster.StartAdditionalSiloAsync();
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);

        Assert.Equal(AudioStatus.Completed, done.Status);
        var blobs = Directory.GetFiles(Path.Combine(_data.Path, "blobs", "audio", documentId), "*.mp3", SearchOption.AllDirectories);
        Assert.Single(blobs);
        Assert.Equal(done.SizeBytes, new FileInfo(blobs[0]).Length);
        var again = await audio.Request(owner);
        Assert.False(again.Created);
        Assert.Equal(done.Id, again.Audio.Id);
    }

    /// <summary>Holds each synthesis for a while, so a silo can be killed in the middle of one.</summary>
    private sealed class SlowEngine(ISpeechEngine inner, TimeSpan delay) : ISpeechEngine
    {
        public string Name => inner.Name;

        public string SettingsFingerprint => inner.SettingsFingerprint;

        public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => inner.ListVoicesAsync(cancellationToken);

        public async Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, string text, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await inner.SynthesizeAsync(voiceName, text, cancellationToken);
        }
    }
}
