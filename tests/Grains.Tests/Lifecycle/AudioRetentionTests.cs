using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Grains.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>Retention with a moved clock: 180 days after the last play (or creation), warned 30 days before.</summary>
public sealed class AudioRetentionTests(LifecycleClusterFixture fixture) : IClassFixture<LifecycleClusterFixture>
{
    private Task<int> SweepAsync() =>
        fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<AudioRetentionSweep>().SweepAsync();

    [Fact]
    public async Task The_owner_is_warned_once_and_a_play_restarts_the_clock()
    {
        fixture.Settings.Current = new AudioLifecycleSettings(180, 30, AutoDeleteExpired: true);
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("Audio that nobody plays for a long time.");
        var created = await scenario.CompletedAudioAsync();
        Assert.Equal(created.CreatedAt.AddDays(180), created.ExpiresAt);

        fixture.Time.Advance(TimeSpan.FromDays(149));
        await SweepAsync();
        Assert.Equal(0, await scenario.ExpiryWarningsAsync());

        fixture.Time.Advance(TimeSpan.FromDays(2));
        await SweepAsync();
        await SweepAsync();
        Assert.Equal(1, await scenario.ExpiryWarningsAsync());

        await scenario.Audio().OpenContent(scenario.Owner);
        fixture.Time.Advance(TimeSpan.FromDays(40));
        await SweepAsync();
        var played = await scenario.Audio().Get(scenario.Owner);
        Assert.Equal(AudioStatus.Completed, played.Status);
        Assert.False(played.Expired);
        Assert.Equal(played.LastPlayedAt!.Value.AddDays(180), played.ExpiresAt);
        Assert.Equal(1, await scenario.ExpiryWarningsAsync());

        fixture.Time.Advance(TimeSpan.FromDays(115));
        await SweepAsync();
        Assert.Equal(2, await scenario.ExpiryWarningsAsync());
    }

    [Fact]
    public async Task Expired_audio_is_deleted_and_its_slot_freed_when_auto_delete_is_on()
    {
        fixture.Settings.Current = new AudioLifecycleSettings(180, 30, AutoDeleteExpired: true);
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("Audio that expires and goes.");
        await scenario.CompletedAudioAsync();
        var blobKey = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;

        fixture.Time.Advance(TimeSpan.FromDays(181));
        await SweepAsync();

        Assert.Null(await scenario.Audio().Peek());
        Assert.False(await fixture.Blobs.ExistsAsync(blobKey));
        Assert.Equal(0, await scenario.AudioCountOfPageAsync());
        var gone = await Assert.ThrowsAsync<LectorException>(() => scenario.Audio().Get(scenario.Owner));
        Assert.Equal("audio.not_found", gone.Code);
        var again = await scenario.Audio().Request(scenario.Owner);
        Assert.True(again.Created);
        Assert.Equal(AudioStatus.Completed, (await TestDocuments.WaitForFinalAsync(scenario.Audio(), scenario.Owner)).Status);
    }

    [Fact]
    public async Task Expired_audio_is_only_marked_when_auto_delete_is_off_and_a_request_regenerates_it()
    {
        fixture.Settings.Current = new AudioLifecycleSettings(180, 30, AutoDeleteExpired: false);
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("Audio that expires and stays.");
        await scenario.CompletedAudioAsync();
        var blobKey = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;

        fixture.Time.Advance(TimeSpan.FromDays(181));
        await SweepAsync();

        var marked = await scenario.Audio().Get(scenario.Owner);
        Assert.True(marked.Expired);
        Assert.Equal(AudioStatus.Completed, marked.Status);
        Assert.True(await fixture.Blobs.ExistsAsync(blobKey));
        Assert.Equal(1, await scenario.AudioCountOfPageAsync());

        var again = await scenario.Audio().Request(scenario.Owner);
        Assert.True(again.Created);
        var regenerated = await TestDocuments.WaitForFinalAsync(scenario.Audio(), scenario.Owner);
        Assert.Equal(AudioStatus.Completed, regenerated.Status);
        Assert.False(regenerated.Expired);
        Assert.InRange(regenerated.CreatedAt, marked.CreatedAt.AddDays(181), fixture.Time.GetUtcNow());
        Assert.Equal(2, fixture.Engine.CallsFor(await scenario.PageTextAsync()));
    }

    [Fact]
    public async Task Marked_expired_audio_goes_once_auto_delete_is_switched_on()
    {
        fixture.Settings.Current = new AudioLifecycleSettings(180, 30, AutoDeleteExpired: false);
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("Audio kept past expiry, then removed.");
        await scenario.CompletedAudioAsync();
        fixture.Time.Advance(TimeSpan.FromDays(181));
        await SweepAsync();
        Assert.True((await scenario.Audio().Get(scenario.Owner)).Expired);

        fixture.Settings.Current = fixture.Settings.Current with { AutoDeleteExpired = true };
        await SweepAsync();

        Assert.Null(await scenario.Audio().Peek());
        Assert.Equal(0, await scenario.AudioCountOfPageAsync());
    }

    [Fact]
    public async Task Deleting_audio_frees_the_page_slot_for_another_voice()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("A page whose slots fill up.");
        var voices = (await scenario.Client.GetGrain<IVoiceCatalogGrain>(0).ListVoices()).Select(v => v.Id).Where(v => v.StartsWith("local:", StringComparison.Ordinal)).Take(5).ToList();
        foreach (var voice in voices.Take(4))
        {
            await scenario.Audio(voice).Request(scenario.Owner);
        }

        var refused = await Assert.ThrowsAsync<LectorException>(() => scenario.Audio(voices[4]).Request(scenario.Owner));
        Assert.Equal("audio.quota_exceeded", refused.Code);

        await TestDocuments.WaitForFinalAsync(scenario.Audio(voices[0]), scenario.Owner);
        await scenario.Audio(voices[0]).Delete(scenario.Owner);

        Assert.True((await scenario.Audio(voices[4]).Request(scenario.Owner)).Created);
        Assert.Equal(4, await scenario.AudioCountOfPageAsync());
        var deleted = await Assert.ThrowsAsync<LectorException>(() => scenario.Audio(voices[0]).Get(scenario.Owner));
        Assert.Equal("audio.not_found", deleted.Code);
    }
}
