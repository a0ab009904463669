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

    public static LectorException NotFound(string code) => new(ErrorKind.NotFound, code);

    public static LectorException Invalid(string field, string code) => new(ErrorKind.Validation, code, field);
}
