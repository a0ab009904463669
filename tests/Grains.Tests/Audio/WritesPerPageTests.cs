using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Audio;

/// <summary>
/// What a page costs in durable writes, counted by a wrapper around the real ADO.NET grain storage: a requested page
/// two audio writes (the accepted request and the commit), a page of a whole-document job one (its commit), and a
/// player's repeated fetches of one audio no write after the first.
/// </summary>
public sealed class WritesPerPageTests(WritesPerPageTests.CountingCluster fixture) : IClassFixture<WritesPerPageTests.CountingCluster>
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task A_requested_page_costs_two_audio_writes_and_repeated_plays_one()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "A page whose writes are counted.");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);
        fixture.Counts.Reset();

        await audio.Request(owner);
        Assert.Equal(AudioStatus.Completed, (await TestDocuments.WaitForFinalAsync(audio, owner)).Status);
        Assert.Equal(2, AudioWrites());

        await audio.OpenContent(owner);
        await audio.OpenContent(owner);
        await audio.OpenContent(owner);
        Assert.Equal(3, AudioWrites());
    }

    [Fact]
    public async Task A_page_of_a_whole_document_job_costs_one_audio_write()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 5).Select(n =>
            $"Part {n}, {Guid.NewGuid():N}. " + string.Join(' ', Enumerable.Range(1, 25).Select(i => $"Sentence {i} of part {n} fills a good share of a page."))));
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, text);
        var pages = (await fixture.Client.GetGrain<IDocumentGrain>(documentId).Get(owner)).PageCount;
        Assert.True(pages > 1, "The text should make several pages.");
        var job = fixture.Client.GetGrain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(documentId, Voice));
        fixture.Counts.Reset();

        await job.Start(owner);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        DocumentAudioProgress progress;
        while ((progress = await job.GetProgress(owner)).Status != DocumentAudioJobStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The job did not finish in time: {progress.Completed} of {progress.Total} pages.");
            await Task.Delay(100);
        }

        Assert.Equal((pages, 0), (progress.Completed, progress.Failed));
        Assert.Equal(pages, AudioWrites());
    }

    private long AudioWrites() => fixture.Counts.Snapshot().Where(s => s.StateName == "audio").Sum(s => s.DurableWrites);

    /// <summary>Its own cluster, whose grain storage counts every write.</summary>
    public sealed class CountingCluster : LectorClusterFixture
    {
        public GrainWriteCounts Counts { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => CountingGrainStorage.Wrap(services, Counts);
    }
}
