using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Lector.Grains.Exports;
using Lector.Grains.Speech;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Exports;

/// <summary>
/// A build waits for the document's audio job with a deadline: when the job settles no page for
/// <see cref="ExportOptions.StallTimeout"/>, the build is interrupted and the export starts it again, joining the job
/// anew, so no build waits on a job forever. Here every page takes longer than that deadline.
/// </summary>
public sealed class ExportStallTests(ExportStallTests.SlowPagesCluster fixture) : IClassFixture<ExportStallTests.SlowPagesCluster>
{
    [Fact]
    public async Task A_build_whose_audio_job_settles_no_page_in_time_starts_again_and_the_export_completes_with_each_page_spoken_once()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 2).Select(n =>
            $"Slow part {n}, {Guid.NewGuid():N}. " + string.Join(' ', Enumerable.Range(1, 40).Select(i => $"Sentence {i} of part {n} fills the page a little more."))));
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, text);
        var export = fixture.Client.GetGrain<IExportGrain>(new ExportKey(documentId, ExportFormat.Mp3, "local:en-us").GrainKey);

        Assert.True((await export.Create(owner)).Created);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ExportView done;
        while ((done = await export.Get(owner)).Status is not (ExportStatus.Completed or ExportStatus.Failed))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The export still said {done.Status} after 60 s.");
            await Task.Delay(100);
        }

        Assert.Equal(ExportStatus.Completed, done.Status);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains(documentId, StringComparison.Ordinal) && l.Contains("settled no page", StringComparison.Ordinal));
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        for (var number = 1; number <= done.Progress.Total; number++)
        {
            Assert.Equal(1, fixture.Engine.CallsFor((await document.GetPage(owner, number)).Content.Text));
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(fixture.DataDirectory, "blobs", "exports", documentId)));
        Assert.Equal(done.SizeBytes, new FileInfo(file).Length);
    }

    /// <summary>Its own cluster: each synthesis takes four times the build's deadline for a settled page.</summary>
    public sealed class SlowPagesCluster : LectorClusterFixture
    {
        public CapturingLoggerProvider Logs { get; } = new();

        public new CountingSpeechEngine Engine { get; } = new(new DelayedSpeechEngine(new EspeakEngine(Options.Create(new EspeakOptions())), TimeSpan.FromSeconds(2)));

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.RemoveAll<ISpeechEngine>();
            services.AddSingleton<ISpeechEngine>(Engine);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.Configure<ExportOptions>(o =>
            {
                o.StallTimeout = TimeSpan.FromMilliseconds(500);
                o.RecheckInterval = TimeSpan.FromMilliseconds(200);
            });
        }
    }
}
