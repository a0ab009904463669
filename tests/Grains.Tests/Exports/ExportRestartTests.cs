using Lector.Abstractions.Exports;
using Lector.Grains.Exports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Exports;

/// <summary>A silo dies while it builds an export: a replacement finishes it from the stored state, with no new request.</summary>
public sealed class ExportRestartTests(ExportRestartTests.SlowEncoderCluster fixture) : IClassFixture<ExportRestartTests.SlowEncoderCluster>
{
    [Fact]
    public async Task Killing_the_silo_mid_build_still_completes_the_export_with_one_file()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 3).Select(n =>
            $"Part {n}, {Guid.NewGuid():N}. " + string.Join(' ', Enumerable.Range(1, 40).Select(i => $"Sentence {i} of part {n} fills the page a little more."))));
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, text);
        var key = new ExportKey(documentId, ExportFormat.Mp3, "local:en-us");
        var export = fixture.Client.GetGrain<IExportGrain>(key.GrainKey);

        Assert.True((await export.Create(owner)).Created);
        await Until(() => Task.FromResult(fixture.SlowEncoder.Started > 0), "the build never reached the encoder");
        Assert.True(fixture.Cluster.TryGetGrainContext(export.GetGrainId(), out var context));
        var host = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await fixture.Cluster.KillSiloAsync(host);

        // A replacement silo resumes the pending work at start-up; no new request is made.
        await fixture.Cluster.StartAdditionalSiloAsync();
        ExportView? done = null;
        await Until(async () => (done = await export.Get(owner)).Status is ExportStatus.Completed or ExportStatus.Failed, "the export did not finish after the restart");

        Assert.Equal(ExportStatus.Completed, done!.Status);
        Assert.True(fixture.SlowEncoder.Started >= 2, "the export finished without building again, so no build was interrupted");
        var file = Assert.Single(Directory.GetFiles(Path.Combine(fixture.DataDirectory, "blobs", "exports", documentId)));
        Assert.Equal(done.SizeBytes, new FileInfo(file).Length);
        var probed = await FfProbe.ReadAsync(file);
        Assert.Equal(done.Progress.Total, probed.Chapters.Count);
        Assert.Equal(done.Chapters.Select(c => c.Title), probed.Chapters.Select(c => c.Title));

        // What was committed reads back whole from storage in a new activation.
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reread = await export.Get(owner);
        Assert.Equal((done.Status, done.SizeBytes, done.DurationMs, done.Stale), (reread.Status, reread.SizeBytes, reread.DurationMs, reread.Stale));
        Assert.Equal(done.Chapters, reread.Chapters);
    }

    private static async Task Until(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    /// <summary>The usual two-silo cluster with an encoder that takes its time over each page; its own, since a silo is killed.</summary>
    public sealed class SlowEncoderCluster : LectorClusterFixture
    {
        public SlowEncoder SlowEncoder { get; } = new(new FfmpegAudioBookEncoder(Options.Create(new ExportOptions())), TimeSpan.FromSeconds(1));

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.RemoveAll<IAudioBookEncoder>();
            services.AddSingleton<IAudioBookEncoder>(SlowEncoder);
        }
    }

    /// <summary>Counts the builds that reach it and holds each page a while, so a silo can be killed in the middle of one.</summary>
    public sealed class SlowEncoder(IAudioBookEncoder inner, TimeSpan perPart) : IAudioBookEncoder
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public Task<EncodedAudioBook> EncodeAsync(
            AudioBook book, int partCount, Func<int, CancellationToken, Task<Stream>> openPart, string outputPath, Action<int> partDone, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            return inner.EncodeAsync(
                book,
                partCount,
                async (part, token) =>
                {
                    await Task.Delay(perPart, token);
                    return await openPart(part, token);
                },
                outputPath,
                partDone,
                cancellationToken);
        }
    }
}
