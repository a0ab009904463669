using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Lifecycle;
using Lector.Grains.Audio;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>
/// The state write that would record a finished audio fails after its blob is stored: the audio is never seen
/// completed while storage says otherwise, stays unfinished and is rendered again by itself (the blob key is
/// deterministic, so the second rendering overwrites the first object), and blob store and database agree: one
/// blob, the one the record points to, and nothing for the reconciler.
/// </summary>
public sealed class StateWriteFailureTests(StateWriteFailureTests.FailingWriteCluster fixture) : IClassFixture<StateWriteFailureTests.FailingWriteCluster>
{
    [Fact]
    public async Task A_failed_commit_is_rendered_again_and_leaves_one_blob_that_the_record_points_to()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("A page whose record cannot be written the first time.");
        fixture.Serializer.FailNextCompletedAudio = true;

        await scenario.Audio().Request(scenario.Owner);
        var done = await TestDocuments.WaitForFinalAsync(scenario.Audio(), scenario.Owner);
        Assert.False(fixture.Serializer.FailNextCompletedAudio, "The injected failure never happened; the test proves nothing.");
        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.Equal(2, fixture.Serializer.CompletedAudioWrites);

        // A fresh activation reads only what was stored.
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(AudioStatus.Completed, (await scenario.Audio().Peek())?.Status);
        // The audio and its speech marks, each written once under its deterministic key.
        var blob = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;
        string[] expected = [blob, BlobKeys.Marks(blob)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await fixture.FaultyBlobs.KeysAsync(scenario.AudioBlobPrefix)).Order(StringComparer.Ordinal));
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var report = await ReconcileAsync();
        Assert.Equal((0, 0, 0), (report.OrphansDeleted, report.OrphansWaiting, report.MissingBlobsMarked));
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await fixture.FaultyBlobs.KeysAsync(scenario.AudioBlobPrefix)).Order(StringComparer.Ordinal));
    }

    private async Task<ReconcileReport> ReconcileAsync() =>
        await fixture.Client.GetGrain<IBlobReconcilerGrain>(0).Reconcile(force: true) ?? throw new InvalidOperationException("The reconciler did not run.");

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
        private int _completedWrites;

        /// <summary>Writes of a completed audio tried, the failed one included.</summary>
        public int CompletedAudioWrites => Volatile.Read(ref _completedWrites);

        public IGrainStorageSerializer? Inner { get; set; }

        public bool FailNextCompletedAudio
        {
            get => Volatile.Read(ref _failNext) == 1;
            set => Volatile.Write(ref _failNext, value ? 1 : 0);
        }

        public BinaryData Serialize<T>(T? input)
        {
            if (input is PageVoiceState { Status: AudioStatus.Completed })
            {
                Interlocked.Increment(ref _completedWrites);
                if (Interlocked.Exchange(ref _failNext, 0) == 1)
                {
                    throw new InvalidOperationException("The grain state database is unavailable (injected by the test).");
                }
            }

            return Inner!.Serialize(input);
        }

        public T Deserialize<T>(BinaryData input) => Inner!.Deserialize<T>(input)!;
    }
}
