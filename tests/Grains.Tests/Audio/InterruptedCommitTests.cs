using Lector.Abstractions.Audio;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Audio;

/// <summary>
/// The rendering's result never reaches its grain (the call that hands it back meets a silo that just died): the
/// audio must not look completed in memory while storage still says pending, and it must still complete.
/// </summary>
public sealed class InterruptedCommitTests(InterruptedCommitTests.FailingHandBackCluster fixture) : IClassFixture<InterruptedCommitTests.FailingHandBackCluster>
{
    [Fact]
    public async Task A_rendering_whose_result_is_lost_to_a_dead_silo_is_resumed_and_what_readers_see_is_what_is_stored()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Cluster.Client, "A page whose commit meets a silo that just died.");
        var audio = fixture.Cluster.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, "local:en-us").GrainKey);
        fixture.FailNextHandBack.Set();

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);
        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.True(fixture.HandBackFailures > 0, "The injected failure never happened; the test proves nothing.");

        // A fresh activation reads only what was stored.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = await audio.Peek();
        Assert.NotNull(stored);
        Assert.Equal(AudioStatus.Completed, stored.Status);
        Assert.Equal(done.SizeBytes, stored.SizeBytes);
    }

    /// <summary>The usual cluster, where the next hand-back of a rendering fails as a call to a dead silo does.</summary>
    public sealed class FailingHandBackCluster : LectorClusterFixture
    {
        private int _handBackFailures;

        public ManualResetEventSlim FailNextHandBack { get; } = new();

        public int HandBackFailures => Volatile.Read(ref _handBackFailures);

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IOutgoingGrainCallFilter>(new FailingHandBackFilter(this));

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            FailNextHandBack.Dispose();
        }

        private sealed class FailingHandBackFilter(FailingHandBackCluster cluster) : IOutgoingGrainCallFilter
        {
            public Task Invoke(IOutgoingGrainCallContext context)
            {
                if (context.InterfaceMethod?.Name == nameof(IPageVoiceMaintenanceGrain.Rendered) && cluster.FailNextHandBack.IsSet)
                {
                    cluster.FailNextHandBack.Reset();
                    Interlocked.Increment(ref cluster._handBackFailures);
                    throw new SiloUnavailableException("The audio grain's silo died (injected by the test).");
                }

                return context.Invoke();
            }
        }
    }
}
