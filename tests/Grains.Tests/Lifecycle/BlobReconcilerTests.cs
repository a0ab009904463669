using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Lifecycle;
using Lector.Grains.Work;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>The reconciler and crash recovery, on each blob store.</summary>
public abstract class BlobReconcilerTests(LifecycleClusterFixture fixture)
{
    private IBlobStore Blobs => fixture.FaultyBlobs;

    private Task<ReconcileReport?> ReconcileAsync() => fixture.Client.GetGrain<IBlobReconcilerGrain>(0).Reconcile(force: true);

    [Fact]
    public async Task An_orphan_blob_goes_after_the_grace_period_but_a_fresh_one_and_referenced_ones_stay()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("Audio next to orphans.");
        await scenario.CompletedAudioAsync();
        var audioBlob = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;
        var original = BlobKeys.Original(scenario.DocumentId);
        var orphanAudio = $"audio/{scenario.DocumentId}/1/{Guid.NewGuid():N}.mp3";
        var orphanUpload = BlobKeys.Upload(Guid.NewGuid().ToString("N"));
        await PutAsync(orphanAudio);
        await PutAsync(orphanUpload);
        await ReconcileAsync();

        fixture.Time.Advance(TimeSpan.FromHours(25));
        var freshOrphan = $"originals/{Guid.NewGuid():N}";
        await PutAsync(freshOrphan);
        await ReconcileAsync();

        Assert.False(await Blobs.ExistsAsync(orphanAudio));
        Assert.False(await Blobs.ExistsAsync(orphanUpload));
        Assert.True(await Blobs.ExistsAsync(freshOrphan));
        Assert.True(await Blobs.ExistsAsync(audioBlob));
        Assert.True(await Blobs.ExistsAsync(original));
        Assert.Equal(AudioStatus.Completed, (await scenario.Audio().Get(scenario.Owner)).Status);
    }

    [Fact]
    public async Task Audio_whose_blob_is_missing_becomes_failed_and_a_retry_makes_it_again()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("Audio whose file gets lost.");
        await scenario.CompletedAudioAsync();
        var blobKey = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;
        await Blobs.DeleteAsync(blobKey);

        var report = await ReconcileAsync();

        var failed = await scenario.Audio().Get(scenario.Owner);
        Assert.Equal(AudioStatus.Failed, failed.Status);
        Assert.Equal("audio.blob_missing", failed.Error?.Code);
        Assert.True(report!.MissingBlobsMarked >= 1);
        await scenario.Audio().Retry(scenario.Owner);
        Assert.Equal(AudioStatus.Completed, (await TestDocuments.WaitForFinalAsync(scenario.Audio(), scenario.Owner)).Status);
        Assert.True(await Blobs.ExistsAsync((await scenario.Audio().OpenContent(scenario.Owner)).BlobKey));
    }

    [Fact]
    public async Task A_document_delete_that_dies_midway_finishes_on_resume()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("A document deleted during a crash.");
        await scenario.CompletedAudioAsync();
        var audioBlob = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;
        var original = BlobKeys.Original(scenario.DocumentId);
        var document = fixture.Client.GetGrain<IDocumentGrain>(scenario.DocumentId);
        fixture.FaultyBlobs.FailNextDeleteOf(original);

        await Assert.ThrowsAnyAsync<Exception>(() => document.Delete(scenario.Owner));
        Assert.True(await Blobs.ExistsAsync(original));
        await DeactivateEverythingAsync();
        await fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<PendingWork>().ResumeAllAsync(CancellationToken.None);

        Assert.False(await Blobs.ExistsAsync(original));
        Assert.False(await Blobs.ExistsAsync(audioBlob));
        Assert.Null(await scenario.Audio().Peek());
        Assert.Null(await document.Describe());
        var gone = await Assert.ThrowsAsync<LectorException>(() => document.Get(scenario.Owner));
        Assert.Equal("document.not_found", gone.Code);
    }

    [Fact]
    public async Task An_audio_delete_that_dies_midway_finishes_on_resume_and_frees_the_slot()
    {
        var scenario = await new LifecycleScenario(fixture).WithDocumentAsync("Audio deleted during a crash.");
        await scenario.CompletedAudioAsync();
        var blobKey = (await scenario.Audio().OpenContent(scenario.Owner)).BlobKey;
        fixture.FaultyBlobs.FailNextDeleteOf(blobKey);

        await Assert.ThrowsAnyAsync<Exception>(() => scenario.Audio().Delete(scenario.Owner));
        Assert.Null(await scenario.Audio().Peek());
        Assert.True(await Blobs.ExistsAsync(blobKey));
        await DeactivateEverythingAsync();
        await fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<PendingWork>().ResumeAllAsync(CancellationToken.None);

        Assert.False(await Blobs.ExistsAsync(blobKey));
        Assert.Equal(0, await scenario.AudioCountOfPageAsync());
    }

    private Task PutAsync(string key) => Blobs.PutAsync(key, new MemoryStream([1, 2, 3]));

    /// <summary>As after a restart: no activation keeps anything in memory.</summary>
    private Task DeactivateEverythingAsync() =>
        fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}

public sealed class FileSystemBlobReconcilerTests(LifecycleClusterFixture fixture) : BlobReconcilerTests(fixture), IClassFixture<LifecycleClusterFixture>;

public sealed class S3BlobReconcilerTests(S3LifecycleClusterFixture fixture) : BlobReconcilerTests(fixture), IClassFixture<S3LifecycleClusterFixture>;
