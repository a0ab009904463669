using Lector.Abstractions.Blobs;
using Lector.Abstractions.Lifecycle;
using Lector.Grains.Audio;
using Lector.Grains.Documents;
using Lector.Grains.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>
/// The reconciler in batches: each pass examines at most the batch size and continues where the last stopped, a
/// cycle of passes covers every blob and every completed audio, and judging originals activates no document grain.
/// Its own cluster with a tiny batch, so several passes make a cycle and no other test's blobs count.
/// </summary>
public sealed class ReconcilerBatchTests(ReconcilerBatchTests.SmallBatchFixture fixture) : IClassFixture<ReconcilerBatchTests.SmallBatchFixture>
{
    private const int BatchSize = 3;

    [Fact]
    public async Task A_cycle_of_small_passes_finds_every_missing_blob_then_deletes_every_orphan_and_nothing_else()
    {
        var kept = new List<string>();
        string? lostBlob = null;
        for (var i = 0; i < 3; i++)
        {
            var scenario = await new LifecycleScenario(fixture).WithDocumentAsync($"Document number {i} with audio.");
            await scenario.CompletedAudioAsync();
            var audioBlob = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;
            kept.Add(BlobKeys.Original(scenario.DocumentId));
            if (lostBlob is null)
            {
                lostBlob = audioBlob;
                await fixture.FaultyBlobs.DeleteAsync(audioBlob);
            }
            else
            {
                kept.Add(audioBlob);
                kept.Add(BlobKeys.Marks(audioBlob));
            }
        }

        var blobs = fixture.FaultyBlobs;
        string[] orphans =
        [
            $"audio/{Guid.NewGuid():N}/1/a.mp3", $"audio/{Guid.NewGuid():N}/2/b.mp3", $"audio/{Guid.NewGuid():N}/1/c.mp3",
            BlobKeys.Original(Guid.NewGuid().ToString("N")), BlobKeys.Original(Guid.NewGuid().ToString("N")),
            BlobKeys.Upload(Guid.NewGuid().ToString("N")), BlobKeys.Upload(Guid.NewGuid().ToString("N")),
        ];
        foreach (var orphan in orphans)
        {
            await blobs.PutAsync(orphan, new MemoryStream([1, 2, 3]));
        }

        var stored = (await blobs.KeysAsync("audio/")).Count + (await blobs.KeysAsync("originals/")).Count + (await blobs.KeysAsync("uploads/")).Count;

        var first = await CycleAsync();

        Assert.True(first.Count > 1);
        Assert.All(first, r => Assert.InRange(r.BlobsExamined, 0, BatchSize));
        Assert.All(first, r => Assert.InRange(r.AudioChecked, 0, BatchSize));
        Assert.Equal(stored, first.Sum(r => r.BlobsExamined));
        Assert.Equal(1, first.Sum(r => r.MissingBlobsMarked));

        // The lost audio's speech marks are orphans too once its audio has failed.
        Assert.Equal(orphans.Length + 1, first[^1].OrphansWaiting);
        Assert.Equal(0, first.Sum(r => r.OrphansDeleted));

        fixture.Time.Advance(TimeSpan.FromHours(25));
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var second = await CycleAsync();

        Assert.Equal(orphans.Length + 1, second.Sum(r => r.OrphansDeleted));
        Assert.Equal(0, second[^1].OrphansWaiting);
        foreach (var orphan in orphans.Append(BlobKeys.Marks(lostBlob!)))
        {
            Assert.False(await blobs.ExistsAsync(orphan), orphan);
        }

        foreach (var key in kept)
        {
            Assert.True(await blobs.ExistsAsync(key), key);
        }

        var activated = (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(DocumentGrain), StringComparison.Ordinal) || s.GrainType.Contains(nameof(PageVoiceGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
        Assert.Equal(0, activated);
    }

    /// <summary>Passes until one reaches the last blob; the fixture's cluster is this test's alone, so the first cycle starts at the first blob.</summary>
    private async Task<List<ReconcileReport>> CycleAsync()
    {
        var reports = new List<ReconcileReport>();
        do
        {
            reports.Add((await fixture.Client.GetGrain<IBlobReconcilerGrain>(0).Reconcile(force: true))!);
        }
        while (!reports[^1].CycleEnded && reports.Count < 100);

        Assert.True(reports[^1].CycleEnded);
        return reports;
    }

    public sealed class SmallBatchFixture : LifecycleClusterFixture
    {
        protected override void ConfigureServices(IServiceCollection services)
        {
            base.ConfigureServices(services);
            services.Configure<ReconcilerOptions>(o => o.BatchSize = BatchSize);
        }
    }
}
