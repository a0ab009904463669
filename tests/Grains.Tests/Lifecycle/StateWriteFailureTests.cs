using Lector.Abstractions.Audio;
using Lector.Abstractions.Lifecycle;
using Lector.Grains.Audio;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>
/// The state write that would record a finished audio fails after its blob is stored: the audio fails
/// (retryable) without pointing at the blob, the reconciler removes the blob nobody points to once its grace
/// period has passed, and a
/// retry makes the audio again, so blob store and database agree.
/// </summary>
public sealed class StateWriteFailureTests(StateWriteFailureTests.FailingWriteCluster fixture) : IClassFixture<StateWriteFailureTests.FailingWriteCluster>
{
    [Fact]
    public async Task A_failed_commit_leaves_a_retryable_audio_and_an_orphan_the_reconciler_removes()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("A page whose record cannot be written the first time.");
        var audioPrefix = $"audio/{scenario.DocumentId}/";
        fixture.Serializer.FailNextCompletedAudio = true;

        await scenario.Audio().Request(scenario.Owner);
        var failed = await TestDocuments.WaitForFinalAsync(scenario.Audio(), scenario.Owner);
        Assert.Equal(AudioStatus.Failed, failed.Status);
        Assert.False(fixture.Serializer.FailNextCompletedAudio, "The injected failure never happened; the test proves nothing.");
        Assert.Single(await ListAsync(audioPrefix));

        // The reconciler deletes an unreferenced blob once it has stayed unreferenced for the grace period.
        var seen = await ReconcileAsync();
        Assert.Equal((0, 1, 0), (seen.OrphansDeleted, seen.OrphansWaiting, seen.MissingBlobsMarked));
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var swept = await ReconcileAsync();
        Assert.Equal((1, 0, 0), (swept.OrphansDeleted, swept.OrphansWaiting, swept.MissingBlobsMarked));
        Assert.Empty(await ListAsync(audioPrefix));

        await scenario.Audio().Retry(scenario.Owner);
        var done = await TestDocuments.WaitForFinalAsync(scenario.Audio(), scenario.Owner);
        Assert.Equal(AudioStatus.Completed, done.Status);
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var second = await ReconcileAsync();
        Assert.Equal((0, 0, 0), (second.OrphansDeleted, second.OrphansWaiting, second.MissingBlobsMarked));
        var blob = Assert.Single(await ListAsync(audioPrefix));
        Assert.Equal((await scenario.Audio().OpenContent(scenario.Owner)).BlobKey, blob);
    }

    private async Task<ReconcileReport> ReconcileAsync() =>
        await fixture.Client.GetGrain<IBlobReconcilerGrain>(0).Reconcile(force: true) ?? throw new InvalidOperationException("The reconciler did not run.");

    private async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var blob in fixture.FaultyBlobs.ListAsync(prefix))
        {
            keys.Add(blob.Key);
        }

        return keys;
    }

    /// <summary>Its own cluster, whose grain storage can be made to fail one write.</summary>
    public sealed class FailingWriteCluster : LifecycleClusterFixture
    {
        public FailingStateSerializer Serializer { get; } = new();

        protected override void ConfigureServices(IServiceCollection services)
        {
            base.ConfigureServices(services);
            services.PostConfigure<AdoNetGrainStorageOptions>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, options =>
            {
                Serializer.Inner ??= options.GrainStorageSerializer;
                options.GrainStorageSerializer = Serializer;
            });
        }
    }

    /// <summary>The host's serializer, except that the next write of a completed audio fails, as a database that is down would.</summary>
    public sealed class FailingStateSerializer : IGrainStorageSerializer
    {
        private int _failNext;

        public IGrainStorageSerializer? Inner { get; set; }

        public bool FailNextCompletedAudio
        {
            get => Volatile.Read(ref _failNext) == 1;
            set => Volatile.Write(ref _failNext, value ? 1 : 0);
        }

        public BinaryData Serialize<T>(T? input) =>
            input is PageVoiceState { Status: AudioStatus.Completed } && Interlocked.Exchange(ref _failNext, 0) == 1
                ? throw new InvalidOperationException("The grain state database is unavailable (injected by the test).")
                : Inner!.Serialize(input);

        public T Deserialize<T>(BinaryData input) => Inner!.Deserialize<T>(input)!;
    }
}
