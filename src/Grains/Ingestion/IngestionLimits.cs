namespace Lector.Grains.Ingestion;

/// <summary>Caps that keep a hostile document from costing more than a normal one; bound from <c>App:Ingestion</c>.</summary>
public sealed class IngestionLimits
{
    /// <summary>Wall-clock budget of one inspection or parse.</summary>
    public TimeSpan ParseTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most pages a document may have (source pages of a PDF, and pages after pagination).</summary>
    public int MaxPages { get; set; } = 5000;

    /// <summary>
    /// Most characters one page may hold: a page of a PDF, which is never split, or a page as edited. A dense printed
    /// page holds about 10,000.
    /// </summary>
    public int MaxPageCharacters { get; set; } = 50_000;

    /// <summary>Most characters a whole document may hold.</summary>
    public int MaxTextCharacters { get; set; } = 20_000_000;

    /// <summary>Most bytes all entries of a DOCX or EPUB may inflate to.</summary>
    public long MaxInflatedBytes { get; set; } = 200 * 1024 * 1024;

    public int MaxArchiveEntries { get; set; } = 5000;

    /// <summary>Highest inflated/compressed ratio of one large entry; text compresses about 10:1, bombs 1000:1.</summary>
    public int MaxCompressionRatio { get; set; } = 200;
}
