using Lector.Abstractions.Audio;
using Lector.Abstractions.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>
/// A silo dies after the audio's blob is stored but before the record that points to it: the work is resumed
/// elsewhere, the rewrite lands on the same key, and blob store and database agree without any repair.
/// </summary>
public sealed class CommitCrashTests(CommitCrashTests.CrashCluster fixture) : IClassFixture<CommitCrashTests.CrashCluster>
{
    [Fact]
    public async Task Killing_the_silo_between_blob_write_and_state_commit_leaves_one_audio_one_blob_and_nothing_to_repair()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("A page whose silo dies between its file and its record.");
        await scenario.RequestAndKillItsSiloBeforeTheCommitAsync();
        var audio = scenario.Audio();

        var done = await TestDocuments.WaitForFinalAsync(audio, scenario.Owner);
        Assert.Equal(AudioStatus.Completed, done.Status);
        var audioBlobs = await fixture.FaultyBlobs.KeysAsync(scenario.AudioBlobPrefix);
        Assert.Single(audioBlobs, key => key.EndsWith(".mp3", StringComparison.Ordinal));

        // Past the grace period, so an orphan would be deleted and counted rather than left waiting.
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var report = await fixture.Client.GetGrain<IBlobReconcilerGrain>(0).Reconcile(force: true);
        Assert.NotNull(report);
        Assert.Equal(0, report.OrphansDeleted + report.OrphansWaiting);
        Assert.Equal(0, report.MissingBlobsMarked);
        Assert.Equal(audioBlobs.Order(StringComparer.Ordinal), (await fixture.FaultyBlobs.KeysAsync(scenario.AudioBlobPrefix)).Order(StringComparer.Ordinal));
        var content = await audio.OpenContent(scenario.Owner);
        Assert.True(await fixture.FaultyBlobs.ExistsAsync(content.BlobKey));
    }

    /// <summary>Its own cluster, since a silo is killed; pending work is swept every 2 s, not every minute.</summary>
    public sealed class CrashCluster : LifecycleClusterFixture
    {
        protected override void ConfigureServices(IServiceCollection services)
        {
            base.ConfigureServices(services);
            var sweep = TimeSpan.FromSeconds(2);
            services.Configure<LectorOptions>(options => options.PendingWorkSweepPeriod = sweep);
            services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = sweep);
        }
    }
}
