using System.Diagnostics;
using System.Globalization;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Lifecycle;
using Lector.Abstractions.Notifications;
using Lector.Grains.Audio;
using Lector.Grains.Lifecycle;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;
using Orleans.Storage;

namespace Lector.Bench.Scenarios;

/// <summary>
/// Whether cost stays flat as data grows: one host built up to a small and then a large number of audio records
/// (with one user's library and notifications a tenth of that), measuring at each size the largest write of any
/// index-like state, and the grain activations and time of a retention pass and a reconciler pass, with nothing
/// due and with a fixed number of items due.
/// </summary>
public static class Scale
{
    /// <summary>States that hold a collection or an index: their writes must not grow with the data.</summary>
    private static readonly string[] IndexLikeStates = ["library", "sharedWithMe", "notifications", "failures", "pendingWork", "blobReconciler", "webhook", "statistics"];

    private const int RecordsPerDocument = 10;
    private const int NothingDueRuns = 5;

    /// <summary>Retention passes with items due, each over as many freshly due audio: a single pass of ~100 ms is too noisy to compare.</summary>
    private const int DueRuns = 3;

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        var writes = new GrainWriteCounts();
        var clock = new ShiftedClock();
        await using var app = await BenchHost.StartAsync(
            builder =>
            {
                CountingGrainStorage.Wrap(builder.Services, writes);
                builder.Services.RemoveAll<TimeProvider>();
                builder.Services.AddSingleton<TimeProvider>(clock);
            },
            // The scenario runs every pass itself: timers would add passes of their own.
            "--App:Reconciler:Interval=1.00:00:00",
            "--App:Audio:SweepInterval=1.00:00:00",
            "--App:PendingWorkSweepPeriod=1.00:00:00");
        var world = new World(app, await BenchUser.CreateAsync(app), clock, writes, sizes.ScaleDueItems);

        var small = await world.GrowAndMeasureAsync(sizes.ScaleBaselineRecords);
        var large = await world.GrowAndMeasureAsync(sizes.ScaleRecords);

        var label = $"Scale: {sizes.ScaleRecords:N0} vs {sizes.ScaleBaselineRecords:N0} audio records";
        var due = sizes.ScaleDueItems;
        var sizesNote = $"one user with {sizes.ScaleRecords / RecordsPerDocument:N0} (baseline {sizes.ScaleBaselineRecords / RecordsPerDocument:N0}) documents and as many notifications; target <= 1.20x";
        return
        [
            new($"{label}, largest index-like state write", Format.Number(large.LargestIndexWrite, "B"), Format.Number(small.LargestIndexWrite, "B"), Ratio(large.LargestIndexWrite, small.LargestIndexWrite),
                $"{sizesNote}; largest serialized state among {string.Join(", ", IndexLikeStates)}, over the build and passes of each size (CountingGrainStorage); at the large size: {large.IndexWrites}"),
            .. PassRows($"{label}, retention pass, nothing due", small.RetentionIdle, large.RetentionIdle, $"median of {NothingDueRuns} passes; activations of the first, all idle grains collected before"),
            .. PassRows($"{label}, retention pass, {due} due", small.RetentionDue, large.RetentionDue, $"median of {DueRuns} passes, each over {due} freshly seeded completed audio whose retention clock is 200 days old (expired, auto-delete on); activations of the first"),
            .. PassRows($"{label}, reconciler pass, nothing due", small.ReconcilerIdle, large.ReconcilerIdle,
                $"median of {NothingDueRuns} passes, each the first of a cycle (batch 1,000 blobs and 1,000 completed audio); activations of the first; a full cycle took {small.Cycle} at the baseline, {large.Cycle} at the large size"),
            .. PassRows($"{label}, reconciler pass, {due} due", small.ReconcilerDue, large.ReconcilerDue, $"{due} orphan audio blobs unreferenced past the grace period (clock moved 25 h), in the pass's batch; one pass"),
        ];
    }

    private static IEnumerable<ResultRow> PassRows(string label, Pass small, Pass large, string notes) =>
    [
        new($"{label}: grain activations", Format.Number(large.Activations, ""), Format.Number(small.Activations, ""), Ratio(large.Activations, small.Activations),
            $"{notes}; {large.Report}"),
        new($"{label}: time", Format.Milliseconds(large.Time), Format.Milliseconds(small.Time), Ratio(large.Time.TotalMilliseconds, small.Time.TotalMilliseconds), "target <= 1.20x"),
    ];

    /// <summary>Equal counts (zero included) are flat.</summary>
    private static double Ratio(double large, double small) => large == small ? 1 : large / small;

    private sealed record Pass(double Activations, TimeSpan Time, string Report);

    private sealed record SizeResult(double LargestIndexWrite, string IndexWrites, Pass RetentionIdle, Pass RetentionDue, Pass ReconcilerIdle, Pass ReconcilerDue, string Cycle);

    /// <summary>The host and what has been built in it so far.</summary>
    private sealed class World(LectorApp app, BenchUser user, ShiftedClock clock, GrainWriteCounts writes, int dueItems)
    {
        private readonly IClusterClient _client = app.App.Services.GetRequiredService<IClusterClient>();
        private readonly IGrainStorage _storage = app.App.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        private readonly AudioRetentionSweep _retention = app.App.Services.GetRequiredService<AudioRetentionSweep>();
        private readonly List<string> _documents = [];
        private int _records;
        private int _notifications;
        private int _size;
        private int _dueRounds;

        private IManagementGrain Management => _client.GetGrain<IManagementGrain>(0);

        private IBlobReconcilerGrain Reconciler => _client.GetGrain<IBlobReconcilerGrain>(0);

        public async Task<SizeResult> GrowAndMeasureAsync(int records)
        {
            _size++;
            writes.Reset();
            var build = Stopwatch.StartNew();
            _documents.AddRange(await user.AddDocumentsAsync((records / RecordsPerDocument) - _documents.Count, _documents.Count));
            await AddNotificationsAsync((records / RecordsPerDocument) - _notifications);
            await SeedCompletedAudioAsync(_records, records - _records);
            _records = records;
            Console.Error.WriteLine($"[bench] scale: built {records:N0} audio records in {build.Elapsed.TotalSeconds:0} s");

            var retentionIdle = await MeasureRetentionAsync(NothingDueRuns);
            var reconcilerIdle = await MeasureIdleReconcilerAsync(NothingDueRuns);

            // Due items: audio whose clock is old enough to expire, and orphans at the front of the blob listing,
            // first seen by a whole cycle, then past the grace period when the clock moves on.
            var orphans = await SeedOrphansAsync();
            var retentionDue = await MeasureAsync(DueRuns, RetentionPassAsync, SeedDueAudioAsync);
            await FinishCycleAsync();
            var cycle = await FinishCycleAsync();
            clock.Advance(TimeSpan.FromHours(25));
            var reconcilerDue = await MeasureDueReconcilerAsync();
            if (orphans.Any(File.Exists))
            {
                throw new InvalidOperationException("The reconciler pass left orphans that were due.");
            }

            var indexWrites = writes.Snapshot().Where(w => IndexLikeStates.Contains(w.StateName)).ToList();
            return new SizeResult(
                indexWrites.Select(w => w.LargestStateBytes).DefaultIfEmpty(0).Max(),
                string.Join(", ", indexWrites.OrderByDescending(w => w.LargestStateBytes).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.StateName} {w.LargestStateBytes:N0} B"))),
                retentionIdle, retentionDue, reconcilerIdle, reconcilerDue, cycle);
        }

        private async Task AddNotificationsAsync(int count)
        {
            var inbox = _client.GetGrain<INotificationInboxGrain>(user.Id);
            for (var i = 0; i < count; i++)
            {
                await inbox.Add("bench.note", null, $"Benchmark notification {_notifications++}", new Dictionary<string, string>());
            }
        }

        /// <summary>
        /// Completed audio written through the grain storage as its grain writes it (so the database's trigger files it
        /// in the audio table), with a blob file each: synthesis of this many pages would take hours. Ten per document,
        /// on pages 1 to 10 (most beyond the document's one page).
        /// </summary>
        private Task SeedCompletedAudioAsync(int first, int count) =>
            Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                await SeedAudioAsync(_documents[i / RecordsPerDocument], 1 + (i % RecordsPerDocument), "local:en-us", clock.GetUtcNow()));

        /// <summary>Page 1 of the first documents, in a voice of this round's own, 200 days old: past the 180-day retention.</summary>
        private Task SeedDueAudioAsync()
        {
            var voice = $"local:due{++_dueRounds}";
            return Parallel.ForEachAsync(_documents.Take(dueItems), async (document, _) =>
                await SeedAudioAsync(document, 1, voice, clock.GetUtcNow().AddDays(-200)));
        }

        private async Task SeedAudioAsync(string document, int page, string voice, DateTimeOffset createdAt)
        {
            var blobKey = BlobKeys.Audio(document, page, voice, "seeded", "local", "mp3");
            await WriteBlobFileAsync(blobKey);
            var state = new PageVoiceState
            {
                Status = AudioStatus.Completed,
                BlobKey = blobKey,
                DurationMs = 2000,
                SizeBytes = BlobBytes.Length,
                Engine = "local",
                BilledCharacters = 400,
                CreatedAt = createdAt,
            };
            var grain = _client.GetGrain<IPageVoiceGrain>(new AudioKey(document, page, voice).GrainKey);
            await _storage.WriteStateAsync("audio", grain.GetGrainId(), new GrainState<PageVoiceState>(state));
        }

        /// <summary>Under a document id that sorts before every real one, so they lead the blob listing.</summary>
        private async Task<List<string>> SeedOrphansAsync()
        {
            var paths = new List<string>();
            for (var i = 0; i < dueItems; i++)
            {
                paths.Add(await WriteBlobFileAsync($"audio/{new string('0', 31)}{_size}/1/orphan{i}.mp3"));
            }

            return paths;
        }

        /// <summary>Straight to the file-system store's layout, without its fsync per file: seeding, not measuring.</summary>
        private async Task<string> WriteBlobFileAsync(string key)
        {
            var path = Path.Combine(app.DataDirectory, "blobs", key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, BlobBytes);
            return path;
        }

        private Task<Pass> MeasureRetentionAsync(int runs) => MeasureAsync(runs, RetentionPassAsync);

        private async Task<string> RetentionPassAsync() => $"{await _retention.SweepAsync()} audio visited";

        /// <summary>
        /// Each run is the first pass of a cycle (the cycle before is finished untimed), so both sizes time the same
        /// work: a full batch of blobs and of audio. Later passes would differ by where the cycle ends, not by scale.
        /// </summary>
        private Task<Pass> MeasureIdleReconcilerAsync(int runs) =>
            MeasureAsync(runs, ReconcileAsync, FinishCycleAsync);

        /// <summary>One pass; the caller has just ended a cycle, so it is the first of the next.</summary>
        private Task<Pass> MeasureDueReconcilerAsync() => MeasureAsync(1, ReconcileAsync);

        private async Task<string> ReconcileAsync() => (await Reconciler.Reconcile(force: true))!.ToString();

        /// <summary>
        /// Activations of the first run counted from a host whose idle grains were all collected (what is left is
        /// subtracted); the time is the median over the runs. <paramref name="prepare"/>, when given, runs untimed before each.
        /// </summary>
        private async Task<Pass> MeasureAsync(int runs, Func<Task<string>> pass, Func<Task>? prepare = null)
        {
            await Management.ForceActivationCollection(TimeSpan.Zero);
            var before = await ActivationsAsync();
            var times = new List<double>();
            var activations = 0;
            var report = "";
            for (var run = 0; run < runs; run++)
            {
                if (prepare is not null)
                {
                    await prepare();
                }

                var watch = Stopwatch.StartNew();
                var result = await pass();
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (run == 0)
                {
                    activations = await ActivationsAsync() - before;
                    report = result;
                }
            }

            return new Pass(activations, TimeSpan.FromMilliseconds(Format.Median(times)), report);
        }

        private async Task<int> ActivationsAsync() => (await Management.GetSimpleGrainStatistics()).Sum(s => s.ActivationCount);

        /// <summary>Runs reconciler passes until one ends a cycle, so the next starts one; says how many and how long.</summary>
        private async Task<string> FinishCycleAsync()
        {
            var watch = Stopwatch.StartNew();
            var passes = 0;
            while (!(await Reconciler.Reconcile(force: true))!.CycleEnded)
            {
                passes++;
            }

            return string.Create(CultureInfo.InvariantCulture, $"{passes + 1} passes in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        private static readonly byte[] BlobBytes = [.. Enumerable.Range(0, 512).Select(i => (byte)i)];
    }
}
