using Lector.Abstractions.Audio;
using Lector.Abstractions.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Audio;

/// <summary>
/// The silo holding the retention index dies just as a synthesis commits: the audio must not look completed
/// in memory while storage still says generating, or it would be lost when its activation goes.
/// </summary>
public sealed class InterruptedCommitTests(InterruptedCommitTests.FailingIndexCluster fixture) : IClassFixture<InterruptedCommitTests.FailingIndexCluster>
{
    [Fact]
    public async Task A_commit_interrupted_by_a_dead_silo_is_resumed_and_what_readers_see_is_what_is_stored()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Cluster.Client, "A page whose commit meets a silo that just died.");
        var audio = fixture.Cluster.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, "local:en-us").GrainKey);
        fixture.FailNextTrack.Set();

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);
        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.True(fixture.TrackFailures > 0, "The injected failure never happened; the test proves nothing.");

        // A fresh activation reads only what was stored.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = await audio.Peek();
        Assert.NotNull(stored);
        Assert.Equal(AudioStatus.Completed, stored.Status);
        Assert.Equal(done.SizeBytes, stored.SizeBytes);
    }

    /// <summary>The usual cluster, where the next call to the retention index fails as a call to a dead silo does.</summary>
    public sealed class FailingIndexCluster : LectorClusterFixture
    {
        private int _trackFailures;

        public ManualResetEventSlim FailNextTrack { get; } = new();

        public int TrackFailures => Volatile.Read(ref _trackFailures);

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IOutgoingGrainCallFilter>(new FailingTrackFilter(this));

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            FailNextTrack.Dispose();
        }

        private sealed class FailingTrackFilter(FailingIndexCluster cluster) : IOutgoingGrainCallFilter
        {
            public Task Invoke(IOutgoingGrainCallContext context)
            {
                if (context.InterfaceMethod?.Name == nameof(IAudioRetentionGrain.Track) && cluster.FailNextTrack.IsSet)
                {
                    cluster.FailNextTrack.Reset();
                    Interlocked.Increment(ref cluster._trackFailures);
                    throw new SiloUnavailableException("The silo holding the retention index died (injected by the test).");
                }

                return context.Invoke();
            }
        }
    }
}
