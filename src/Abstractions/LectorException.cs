namespace Lector.Abstractions;

/// <summary>What kind of failure a <see cref="LectorException"/> is; the web front maps it to an HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    NotFound,
    Conflict,
    QuotaExceeded,
    UnsupportedMediaType,
    PayloadTooLarge,
    Unavailable,

    /// <summary>Well-formed request whose content cannot be processed (a damaged or unsafe upload).</summary>
    Unprocessable,
}

/// <summary>
/// A failure that is safe to show to the caller: a stable machine code plus a kind.
/// Grains throw it across the cluster boundary; it never carries user data or internals.
/// </summary>
[GenerateSerializer, Alias("Lector.LectorException")]
public sealed class LectorException : Exception
{
    public LectorException()
    {
        Code = "error";
    }

    public LectorException(string message)
        : base(message)
    {
        Code = "error";
    }

    public LectorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "error";
    }

    public LectorException(ErrorKind kind, string code, string? field = null)
        : base(code)
    {
        Kind = kind;
        Code = code;
        Field = field;
    }

    [Id(0)]
    public ErrorKind Kind { get; init; }

    /// <summary>Stable, never translated, e.g. <c>document.not_found</c>.</summary>
    [Id(1)]
    public string Code { get; init; }

    /// <summary>For validation failures, the offending field.</summary>
    [Id(2)]
    public string? Field { get; init; }

    /// <summary>For validation failures of several fields at once: field -> codes (then <see cref="Field"/> names the first).</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public static LectorException NotFound(string code) => new(ErrorKind.NotFound, code);

    public static LectorException Invalid(string field, string code) => new(ErrorKind.Validation, code, field);

    /// <summary>Several fields refused at once (field -> codes); <paramref name="errors"/> is not empty.</summary>
    public static LectorException Invalid(IReadOnlyDictionary<string, string[]> errors)
    {
        var (field, codes) = errors.First();
        return new(ErrorKind.Validation, codes[0], field) { Errors = errors };
    }
}
