namespace Lector.Abstractions.Blobs;

/// <summary>Why a blob store operation failed, as far as a caller can act on it.</summary>
public enum BlobFailure
{
    /// <summary>The credentials may not do this: a configuration problem, retrying does not help.</summary>
    AccessDenied,

    /// <summary>The store asks to slow down: retry later with backoff.</summary>
    Throttled,

    /// <summary>The store or the network failed: retry later.</summary>
    Unavailable,

    /// <summary>The store refused the request as such (e.g. the bucket does not exist): retrying does not help.</summary>
    Rejected,
}

/// <summary>
/// A blob store failure stripped of the provider's raw exception, whose message, headers or body could carry
/// request details; only the classification and the provider's error code and request id are kept.
/// </summary>
public sealed class BlobStoreException : Exception
{
    public BlobStoreException(BlobFailure failure, string operation, string? errorCode = null, string? requestId = null)
        : base($"Blob store {operation} failed: {failure}{(errorCode is null ? "" : $" ({errorCode})")}.")
    {
        Failure = failure;
        Operation = operation;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    public BlobFailure Failure { get; }

    public string Operation { get; }

    public string? ErrorCode { get; }

    public string? RequestId { get; }

    /// <summary>Worth retrying later.</summary>
    public bool IsTransient => Failure is BlobFailure.Throttled or BlobFailure.Unavailable;
}
