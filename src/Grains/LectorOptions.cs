using Lector.Blobs;
using Lector.Grains.Ingestion;

namespace Lector.Grains;

/// <summary>Application settings bound from the <c>App</c> section.</summary>
public sealed class LectorOptions
{
    public const string Section = "App";

    /// <summary>Embedded mode: where the SQLite database and local blobs live.</summary>
    public string DataDirectory { get; set; } = BlobStoreRegistration.DefaultDataDirectory;

    /// <summary>How many voices one page may have audio in.</summary>
    public int MaxAudiosPerPage { get; set; } = 4;

    /// <summary>Upper bound of characters on one page; text is split at paragraph, then sentence, boundaries.</summary>
    public int MaxPageCharacters { get; set; } = 3000;

    /// <summary>
    /// How often each pending-work shard asks its grains to resume; bounds how long work of a killed silo waits.
    /// Orleans reminders tick at most once a minute unless this is lower (the host lowers their minimum to match).
    /// </summary>
    public TimeSpan PendingWorkSweepPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Caps on parsing uploads.</summary>
    public IngestionLimits Ingestion { get; set; } = new();
}
