using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.Bench.Scenarios;

/// <summary>
/// How much the host process's resident memory grows while it builds an M4B of a long document, against the same for
/// a document a tenth as long: an export streams its pages from the blob store through ffmpeg and the file back, so
/// the growth should not depend on the book's length. The pages' audio is made first and not measured. Resident memory
/// also holds garbage the collector has not reclaimed yet, so the largest heap left after a collection during the
/// build is reported beside it: what the build actually keeps.
/// </summary>
public static class ExportMemory
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        await using var app = await BenchHost.StartAsync(settings: $"--App:MaxPageCharacters={sizes.ExportPageCharacters * 3 / 2}");
        var user = await BenchUser.CreateAsync(app);
        var voice = await user.VoiceAsync("local", "en");

        var small = await MeasureAsync(user, voice, Math.Max(1, sizes.ExportPages / 10), sizes.ExportPageCharacters);
        var large = await MeasureAsync(user, voice, sizes.ExportPages, sizes.ExportPageCharacters);
        return
        [
            new($"Export: host RSS growth while building an M4B of {large.Pages} pages",
                Format.Megabytes(large.GrowthBytes), $"{Format.Megabytes(small.GrowthBytes)} ({small.Pages} pages)", large.GrowthBytes / (double)small.GrowthBytes,
                $"target ~1.00x (flat); growth = peak RSS during the build - RSS before it ({Format.Megabytes(large.BeforeBytes)} vs {Format.Megabytes(small.BeforeBytes)}); " +
                $"{large.AudioMinutes:0} vs {small.AudioMinutes:0.0} min of audio, {Format.Megabytes(large.FileBytes)} vs {Format.Megabytes(small.FileBytes)} file, " +
                $"built in {large.Build.TotalSeconds:0.0} vs {small.Build.TotalSeconds:0.0} s; sampled every {SampleInterval.TotalMilliseconds:0} ms; ffmpeg runs in processes of its own"),
            new($"Export: managed heap kept while building an M4B of {large.Pages} pages",
                Format.Megabytes(large.KeptBytes), $"{Format.Megabytes(large.HeapBeforeBytes)} (heap before the build)", large.LiveHeapBytes / (double)large.HeapBeforeBytes,
                $"target ~1.00x (the build keeps nothing that grows with the book); kept = largest heap (all generations) left by a collection during the build (the latest of each kind, sampled every {SampleInterval.TotalMilliseconds:0} ms; {large.Collections} collections) or by a full compacting one at its end, " +
                $"less the heap after a full compacting one before it; ratio = that largest heap / the heap before; the {small.Pages}-page build kept {Format.Megabytes(small.KeptBytes)} of {Format.Megabytes(small.HeapBeforeBytes)} ({small.Collections} collections during it); " +
                "so the resident growth above is garbage the collector had not reclaimed yet"),
        ];
    }

    private static async Task<Measured> MeasureAsync(BenchUser user, string voice, int pages, int characters)
    {
        var documentId = await user.PostDocumentAsync($"Export of {pages} pages", Corpus.Document(pages, characters));
        var pageCount = await user.WaitForDocumentAsync(documentId);
        var audio = await WholeDocumentRun.RunAsync(user, documentId, voice, TimeSpan.FromMinutes(20));
        if (audio.Failed > 0)
        {
            throw new InvalidOperationException($"{audio.Failed} pages failed to synthesize.");
        }

        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var before = Machine.ResidentBytes();
        var peak = before;
        var startingCollection = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var heapBefore = HeapAfter(startingCollection);
        var liveHeap = 0L;
        var collectionsBefore = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        var created = await user.Client.PostAsJsonAsync($"/api/documents/{documentId}/exports", new { voice, format = "m4b" });
        created.EnsureSuccessStatusCode();
        var exportId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        while (true)
        {
            peak = Math.Max(peak, Machine.ResidentBytes());
            liveHeap = Math.Max(liveHeap, LargestHeapAfterCollectionsSince(startingCollection.Index));
            var export = await user.Client.GetFromJsonAsync<JsonElement>($"/api/exports/{exportId}");
            switch (export.GetProperty("status").GetString())
            {
                case "completed":
                    var collections = GC.CollectionCount(0) - collectionsBefore;

                    // The build's end: a full collection shows what it left behind, which counts as kept too.
                    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    return new Measured(pageCount, before, peak, clock.Elapsed, export.GetProperty("durationMs").GetInt64() / 60_000.0, export.GetProperty("sizeBytes").GetInt64())
                    {
                        HeapBeforeBytes = heapBefore,
                        LiveHeapBytes = Math.Max(liveHeap, LargestHeapAfterCollectionsSince(startingCollection.Index)),
                        Collections = collections,
                    };
                case "failed":
                    throw new InvalidOperationException($"The export failed: {export.GetProperty("error")}");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException("The export did not finish in 30 minutes.");
            }

            await Task.Delay(SampleInterval);
        }
    }

    /// <summary>
    /// The largest heap (all generations) left by the latest collection of each kind after collection number
    /// <paramref name="sinceIndex"/> (the runtime keeps one record per kind), or 0 when none came since.
    /// </summary>
    private static long LargestHeapAfterCollectionsSince(long sinceIndex) =>
        new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background }
            .Select(GC.GetGCMemoryInfo)
            .Where(info => info.Index > sinceIndex)
            .Select(HeapAfter)
            .DefaultIfEmpty(0)
            .Max();

    private static long HeapAfter(GCMemoryInfo info) => info.GenerationInfo.ToArray().Sum(g => g.SizeAfterBytes);

    private sealed record Measured(int Pages, long BeforeBytes, long PeakBytes, TimeSpan Build, double AudioMinutes, long FileBytes)
    {
        public long GrowthBytes => PeakBytes - BeforeBytes;

        public required long HeapBeforeBytes { get; init; }

        public required long LiveHeapBytes { get; init; }

        public long KeptBytes => Math.Max(0, LiveHeapBytes - HeapBeforeBytes);

        public required int Collections { get; init; }
    }
}
