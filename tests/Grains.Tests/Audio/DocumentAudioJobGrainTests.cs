using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Tests.Audio;

[Collection(ClusterCollection.Name)]
public sealed class DocumentAudioJobGrainTests(LectorClusterFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task A_job_whose_silo_stops_midway_resumes_elsewhere_and_does_every_page_once()
    {
        var paragraphs = Enumerable.Range(1, 6).Select(n =>
            $"Section {n}, {Guid.NewGuid():N}. " + string.Join(' ', Enumerable.Range(1, 30).Select(i => $"Sentence {i} of section {n} is long enough to fill most of a page.")));
        var (owner, documentId) = await CreateDocumentAsync(string.Join("\n\n", paragraphs));
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        var pageCount = (await document.Get(owner)).PageCount;
        var job = fixture.Client.GetGrain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(documentId, Voice));

        await job.Start(owner);
        var before = await WaitAsync(job, owner, p => p.Completed > 0);
        Assert.True(before.Pending > 0, "the job finished before its silo could be stopped");
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var activations = await management.GetDetailedGrainStatistics();
        var host = activations.Single(a => a.GrainId == job.GetGrainId()).SiloAddress;
        await fixture.Cluster.StopSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress == host));
        await fixture.Cluster.StartAdditionalSiloAsync();

        var done = await WaitAsync(job, owner, p => p.Status == DocumentAudioJobStatus.Completed);

        Assert.Equal(pageCount, done.Total);
        Assert.Equal(pageCount, done.Completed);
        Assert.Equal(0, done.Failed);
        for (var number = 1; number <= pageCount; number++)
        {
            var page = await document.GetPage(owner, number);
            Assert.Equal(AudioStatus.Completed, Assert.Single(page.Audio).Status);
            Assert.Equal(1, fixture.Engine.CallsFor(page.Content.Text));
        }
    }

    private async Task<(string Owner, string DocumentId)> CreateDocumentAsync(string text)
    {
        var owner = (await TestAccounts.RegisterAsync(fixture.Client, "Owner")).Id;
        var documentId = Guid.NewGuid().ToString("N");
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        await document.Create(new NewDocument(owner, "Job", text, null, null));
        for (var i = 0; i < 200 && (await document.Get(owner)).Status == DocumentStatus.Processing; i++)
        {
            await Task.Delay(50);
        }

        return (owner, documentId);
    }

    private static async Task<DocumentAudioProgress> WaitAsync(IDocumentAudioJobGrain job, string caller, Func<DocumentAudioProgress, bool> until)
    {
        for (var i = 0; i < 1200; i++)
        {
            var progress = await job.GetProgress(caller);
            Assert.Equal(progress.Total, progress.Completed + progress.Failed + progress.Pending);
            if (until(progress))
            {
                return progress;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The job did not get there in 60 s.");
    }
}
