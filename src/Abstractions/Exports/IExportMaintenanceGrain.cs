using Lector.Abstractions.Work;
using Orleans.Concurrency;

namespace Lector.Abstractions.Exports;

/// <summary>
/// The same export grain as <see cref="IExportGrain"/>, as the system's own grains reach it: no access checks. A build
/// runs off the grain and reports back here, so the grain changes its state only in its own turns; builds are
/// numbered, so what an abandoned build reports is told apart and ignored.
/// </summary>
[Alias("Lector.IExportMaintenanceGrain")]
public interface IExportMaintenanceGrain : IResumableGrain
{
    /// <summary>The export as it is (null when there is none), for listings. Interleaves: listings call it while the export may be calling them.</summary>
    [Alias("Peek"), AlwaysInterleave]
    Task<ExportView?> Peek();

    /// <summary>The document is going: stop any build, drop the export and its file.</summary>
    [Alias("Purge")]
    Task Purge();

    /// <summary>Build <paramref name="build"/> is at <paramref name="phase"/> (pending or building) with <paramref name="done"/> pages done.</summary>
    [Alias("Progressed"), OneWay]
    Task Progressed(int build, ExportStatus phase, int done);

    /// <summary>Build <paramref name="build"/> stored its file, or failed for good.</summary>
    [Alias("BuildEnded")]
    Task BuildEnded(int build, ExportBuildResult result);
}
