namespace Lector.Abstractions;

/// <summary>
/// The grain state database or the blob store cannot be reached or written just now (stopped, locked, full,
/// read-only): the same request can succeed when retried, so the web front answers 503 with <c>Retry-After</c>.
/// It names which store (<see cref="Code"/>) and nothing else: the cause stays in the silo's log. It is an
/// <see cref="OrleansException"/> so that Orleans' storage bridge passes it on as it is rather than wrapping it.
/// </summary>
[GenerateSerializer, Alias("Lector.StorageUnavailableException")]
public sealed class StorageUnavailableException : OrleansException
{
    public const string DatabaseCode = "storage.unavailable";

    public const string BlobsCode = "blobs.unavailable";

    public StorageUnavailableException()
        : this(DatabaseCode)
    {
    }

    public StorageUnavailableException(string code)
        : base(code)
    {
        Code = code;
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = DatabaseCode;
    }

    /// <summary><see cref="DatabaseCode"/> or <see cref="BlobsCode"/>; stable, never translated.</summary>
    [Id(0)]
    public string Code { get; init; }
}
