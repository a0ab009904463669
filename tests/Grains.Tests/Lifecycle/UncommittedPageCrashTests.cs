using Lector.Abstractions.Audio;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>
/// A page costs two state writes, the accepted request and the commit; a silo killed between them (the blob already
/// stored) must leave work that the pending-work sweep finishes by itself: one completed audio, one blob, and the
/// engine paid once.
/// </summary>
public sealed class UncommittedPageCrashTests(CommitCrashTests.CrashCluster fixture) : IClassFixture<CommitCrashTests.CrashCluster>
{
    [Fact]
    public async Task A_page_whose_silo_dies_between_its_two_writes_is_resumed_with_no_request_or_read()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("A page accepted, rendered, and not yet committed when its silo dies.");
        await scenario.RequestAndKillItsSiloBeforeTheCommitAsync();
        var audio = scenario.Audio();

        // Peek reads without healing, so only the pending-work sweep can finish the audio.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        AudioView? seen = null;
        while ((seen = await PeekAsync(audio)) is not { Status: AudioStatus.Completed })
        {
            Assert.True(DateTime.UtcNow < deadline, $"The audio was not resumed without a request; it is {seen?.Status.ToString() ?? "gone"}.");
            await Task.Delay(200);
        }

        Assert.Single(await fixture.FaultyBlobs.KeysAsync(scenario.AudioBlobPrefix), key => key.EndsWith(".mp3", StringComparison.Ordinal));

        // The audio the dead silo stored is used: the page was spoken once.
        Assert.Equal(1, fixture.Engine.CallsFor(await scenario.PageTextAsync()));
        Assert.Equal(1, await scenario.AudioCountOfPageAsync());
        Assert.True(await fixture.FaultyBlobs.ExistsAsync((await audio.OpenContent(scenario.Owner)).BlobKey));
    }

    /// <summary>A call to a dead silo's grain fails until membership declares it dead; then the grain activates elsewhere.</summary>
    private static async Task<AudioView?> PeekAsync(IPageVoiceGrain audio)
    {
        try
        {
            return await audio.Peek();
        }
        catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return null;
        }
    }
}
