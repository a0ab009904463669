using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Diagnostics;
using Lector.Blobs;

namespace Lector.Grains.Tests.Blobs;

/// <summary>The wrapper every configured store gets: it must behave as the store it wraps, and tell failures apart.</summary>
public sealed class MeasuredBlobStoreTests : BlobStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <summary>Meters and span listeners are process-wide: this provider name is this class's alone.</summary>
    private readonly string _provider = $"test-{Guid.NewGuid():N}";

    public MeasuredBlobStoreTests()
    {
        Store = new MeasuredBlobStore(new FileSystemBlobStore(_directory.Path), _provider);
    }

    protected override IBlobStore Store { get; }

    protected override bool HandsOutReadUrls => false;

    [Fact]
    public async Task A_failing_write_is_counted_by_operation_and_kind_and_its_span_fails()
    {
        var errors = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LectorDiagnostics.Name && instrument.Name == "lector.blob.errors")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var named = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(named["provider"], _provider))
            {
                lock (errors)
                {
                    errors.Add((value, named));
                }
            }
        });
        meters.Start();
        var spans = new LockedCollection<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LectorDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(tracing);

        // A file where the store needs a directory: the disk refuses the write, as a full or read-only one would.
        await File.WriteAllBytesAsync(Path.Combine(_directory.Path, "blocked"), [0]);
        var failure = await Assert.ThrowsAsync<BlobStoreException>(() => Store.PutAsync("blocked/audio.mp3", new MemoryStream([1, 2])));
        await Store.PutAsync("fine/audio.mp3", new MemoryStream([1, 2]));

        var (value, tags) = Assert.Single(errors);
        Assert.Equal(1, value);
        Assert.Equal("put", tags["operation"]);
        Assert.Equal(failure.Failure.ToString(), tags["failure"]);
        var failed = Assert.Single(spans.Snapshot(), s => Equals(s.GetTagItem("lector.blob.key"), "blocked/audio.mp3"));
        Assert.Equal("blob.put", failed.OperationName);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Contains(spans.Snapshot(), s => Equals(s.GetTagItem("lector.blob.key"), "fine/audio.mp3") && s.Status == ActivityStatusCode.Unset);
    }

    public void Dispose() => _directory.Dispose();
}
