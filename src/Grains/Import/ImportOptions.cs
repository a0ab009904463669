namespace Lector.Grains.Import;

/// <summary>Bound from <c>Import</c>: how far a URL import may reach and how much it may fetch.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>
    /// The longest <see cref="Timeout"/> allowed: the whole fetch happens inside the grain call that creates the
    /// document, which Orleans gives up on after 30 seconds, and the page is read and stored after it.
    /// </summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(20);

    /// <summary>What <see cref="IsValid"/> asks, naming the keys.</summary>
    public static readonly string Requirements =
        $"{Section}:{nameof(MaxBytes)} must be a positive number of bytes, and {Section}:{nameof(Timeout)} more than zero and at most {MaxTimeout:c}.";

    /// <summary>Lets imports reach loopback, private and link-local addresses (development and tests only).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The most bytes a page may have, decompressed; larger ones are refused with <c>import.too_large</c>.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The time budget of a whole fetch, every redirect and the body included (<c>import.timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsValid() => MaxBytes > 0 && Timeout > TimeSpan.Zero && Timeout <= MaxTimeout;
}
