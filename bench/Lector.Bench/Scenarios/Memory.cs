using Lector.Abstractions.Audio;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Lector.Bench.Scenarios;

/// <summary>
/// Resident memory of the host process with many page-voice grains active, and again once the idle ones are
/// collected (with a short collection age configured in this host).
/// </summary>
public static class Memory
{
    private const int PerRow = 10_000;

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        await using var app = await BenchHost.StartAsync(builder => builder.Services.Configure<GrainCollectionOptions>(options =>
        {
            options.CollectionQuantum = sizes.CollectionQuantum;
            options.CollectionAge = sizes.CollectionAge;
        }));
        var client = app.App.Services.GetRequiredService<IClusterClient>();
        var management = client.GetGrain<IManagementGrain>(0);

        // Warm the activation path (storage reads, directory) so the baseline holds what any activation needs.
        await ActivateAsync(client, "warm", Math.Min(200, sizes.MemoryGrains / 4));
        await WaitForCollectionAsync(management, sizes);
        var idle = SettledResidentBytes();

        await ActivateAsync(client, "bench", sizes.MemoryGrains);
        var active = await PageVoiceActivationsAsync(management);
        var withGrains = SettledResidentBytes();

        var collectionWait = System.Diagnostics.Stopwatch.StartNew();
        await WaitForCollectionAsync(management, sizes);
        var afterCollection = SettledResidentBytes();

        var perTenThousand = (withGrains - idle) * (double)PerRow / active;
        return
        [
            new($"Memory: RSS growth per {PerRow:N0} active page-voice grains",
                Format.Megabytes((long)perTenThousand), Format.Megabytes(idle) + " (host RSS before)", withGrains / (double)idle,
                $"{active:N0} grains activated with Peek (state read from SQLite), scaled to {PerRow:N0}; ratio = RSS with grains / RSS before; {Format.Number(perTenThousand / PerRow / 1024, "KiB")} per grain"),
            new("Memory: RSS after idle grains are collected",
                Format.Megabytes(afterCollection), Format.Megabytes(idle) + " (host RSS before)", afterCollection / (double)idle,
                $"collection age {sizes.CollectionAge.TotalSeconds:0} s, quantum {sizes.CollectionQuantum.TotalSeconds:0} s; all collected after {collectionWait.Elapsed.TotalSeconds:0} s; after a compacting GC; the runtime may keep freed heap mapped"),
        ];
    }

    private static async Task ActivateAsync(IClusterClient client, string prefix, int count) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            await client.GetGrain<IPageVoiceMaintenanceGrain>(new AudioKey($"{prefix}{i}", 1, "local:en").GrainKey).Peek());

    private static async Task<int> PageVoiceActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains("PageVoice", StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);

    private static async Task WaitForCollectionAsync(IManagementGrain management, BenchSizes sizes)
    {
        var deadline = DateTime.UtcNow + (sizes.CollectionAge * 3) + (sizes.CollectionQuantum * 3);
        while (await PageVoiceActivationsAsync(management) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Idle page-voice grains were not collected.");
            }

            await Task.Delay(sizes.CollectionQuantum);
        }
    }

    private static long SettledResidentBytes()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return Machine.ResidentBytes();
    }
}
