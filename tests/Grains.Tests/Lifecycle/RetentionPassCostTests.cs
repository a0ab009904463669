using Lector.Grains.Audio;
using Lector.Grains.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>
/// A retention pass costs what is due, not what exists: with nothing due it activates no audio grain, and once
/// everything is due it visits each audio once. Its own cluster, so no other test's audio can be due.
/// </summary>
public sealed class RetentionPassCostTests(LifecycleClusterFixture fixture) : IClassFixture<LifecycleClusterFixture>
{
    private const int AudioCount = 12;

    [Fact]
    public async Task A_pass_with_nothing_due_activates_no_audio_grain_and_a_pass_with_everything_due_visits_each_once()
    {
        fixture.Settings.Current = new AudioLifecycleSettings(180, 30, AutoDeleteExpired: true);
        for (var i = 0; i < AudioCount; i++)
        {
            var scenario = await new LifecycleScenario(fixture).WithDocumentAsync($"Audio number {i} that nobody will play for a while.");
            await scenario.CompletedAudioAsync();
        }

        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await AudioActivationsAsync(management));

        Assert.Equal(0, await SweepAsync());
        Assert.Equal(0, await AudioActivationsAsync(management));

        fixture.Time.Advance(TimeSpan.FromDays(151));
        Assert.Equal(AudioCount, await SweepAsync());
        Assert.Equal(AudioCount, await AudioActivationsAsync(management));

        // Warned now, and not yet expired: nothing is due again.
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(0, await AudioActivationsAsync(management));
    }

    private Task<int> SweepAsync() =>
        fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<AudioRetentionSweep>().SweepAsync();

    private static async Task<int> AudioActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(PageVoiceGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
}
