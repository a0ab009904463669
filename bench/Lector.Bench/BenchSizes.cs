namespace Lector.Bench;

/// <summary>How big each scenario is: the sizes for a real run, tiny ones for the smoke run that keeps the harness working.</summary>
public sealed record BenchSizes
{
    public static BenchSizes Full { get; } = new();

    public static BenchSizes Smoke { get; } = new()
    {
        LibraryDocuments = 12,
        SmallLibraryDocuments = 3,
        Connections = 4,
        WarmUp = TimeSpan.FromSeconds(0.5),
        WarmUpRound = TimeSpan.FromSeconds(0.5),
        MaxWarmUpRounds = 1,
        Duration = TimeSpan.FromSeconds(1),
        Runs = 1,
        RacingRequests = 50,
        RacingRuns = 1,
        RacingMaxWarmUpRuns = 1,
        PipelinePages = 3,
        PipelineFestivalPages = 1,
        PipelineRuns = 1,
        PacingPages = 20,
        PacingClusterPages = 30,
        PacingFailoverPages = 60,
        PacingRuns = 1,
        PacingRequestsPerSecond = 10,
        PacingBurst = 10,
        PdfPages = 4,
        IngestionRuns = 1,
        MemoryGrains = 200,
        CollectionAge = TimeSpan.FromSeconds(3),
        CollectionQuantum = TimeSpan.FromSeconds(1),
        ScaleBaselineRecords = 50,
        ScaleRecords = 200,
        ScaleDueItems = 5,
        ExportPages = 4,
        ExportPageCharacters = 200,
    };

    public int LibraryDocuments { get; init; } = 1000;

    /// <summary>A second user's library, to show that grain calls per listing do not grow with library size.</summary>
    public int SmallLibraryDocuments { get; init; } = 10;

    public int Connections { get; init; } = 32;

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One round of the listing's first warm-up, on each server, repeated until the JIT is quiet.</summary>
    public TimeSpan WarmUpRound { get; init; } = TimeSpan.FromSeconds(2);

    public int MaxWarmUpRounds { get; init; } = 30;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int Runs { get; init; } = 3;

    public int RacingRequests { get; init; } = 1000;

    /// <summary>
    /// Timed bursts on each server. A burst's p99 on this 2-core machine swings by 2x between bursts of the same code
    /// (the bare one's from 7 to 24 ms), so the median needs many of them.
    /// </summary>
    public int RacingRuns { get; init; } = 25;

    /// <summary>
    /// At most this many untimed bursts before the timed ones, on both servers: room for the JIT to go quiet (see
    /// <see cref="JitWarmUp"/>), which took 77 bursts when measured.
    /// </summary>
    public int RacingMaxWarmUpRuns { get; init; } = 150;

    public int PipelinePages { get; init; } = 100;

    /// <summary>Festival speaks about 50 times slower than espeak-ng, so its document is shorter.</summary>
    public int PipelineFestivalPages { get; init; } = 20;

    /// <summary>Characters per page (one paragraph each; the host's page limit is set to 1.5 times this).</summary>
    public int PipelinePageCharacters { get; init; } = 1000;

    public int PipelineRuns { get; init; } = 3;

    public int PacingPages { get; init; } = 2000;

    /// <summary>Pages of the job on one PostgreSQL silo.</summary>
    public int PacingClusterPages { get; init; } = 2000;

    /// <summary>
    /// Pages of the job on two silos, one killed partway: enough that the survivor runs well past the time the
    /// cluster takes to declare the dead silo (about 10 s).
    /// </summary>
    public int PacingFailoverPages { get; init; } = 2000;

    /// <summary>Share of the two-silo job's pages completed when one silo is killed.</summary>
    public double PacingKillAfter { get; init; } = 0.25;

    public int PacingRuns { get; init; } = 3;

    public double PacingRequestsPerSecond { get; init; } = 80;

    public int PacingBurst { get; init; } = 100;

    public TimeSpan PacingLatency { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Pages of a pacing job in flight (and syntheses at once per silo); by default rate x latency x 2.</summary>
    public int? PacingPagesInFlight { get; init; }

    public int PdfPages { get; init; } = 500;

    /// <summary>Each run takes about a second; the median of five is steadier than of three on a shared machine.</summary>
    public int IngestionRuns { get; init; } = 5;

    public int MemoryGrains { get; init; } = 10_000;

    public TimeSpan CollectionAge { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan CollectionQuantum { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Audio records of the scale scenario's baseline; the user's documents and notifications are a tenth of it.</summary>
    public int ScaleBaselineRecords { get; init; } = 1000;

    /// <summary>Audio records of the scale scenario's large size, compared with the baseline.</summary>
    public int ScaleRecords { get; init; } = 100_000;

    /// <summary>Audio due for retention, and orphan blobs due for deletion, in the passes with work due.</summary>
    public int ScaleDueItems { get; init; } = 100;

    /// <summary>Pages of the long document exported; the short one has a tenth as many.</summary>
    public int ExportPages { get; init; } = 300;

    /// <summary>Characters per page of the exported documents (about a minute of speech at 1,000).</summary>
    public int ExportPageCharacters { get; init; } = 1000;
}
