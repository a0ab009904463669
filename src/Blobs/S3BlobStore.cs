using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Lector.Abstractions.Blobs;
using Microsoft.Extensions.Logging;

namespace Lector.Blobs;

/// <summary>
/// Blobs as objects in one S3 bucket under a key prefix. Uploads stream: small objects go up in one PUT, larger ones
/// as a multipart upload holding one part in memory. Reads stream too, as ranged GETs from the position read.
/// </summary>
public sealed partial class S3BlobStore : IBlobStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3BlobStoreOptions _options;
    private readonly string _prefix;
    private readonly ILogger<S3BlobStore> _logger;

    /// <param name="credentials">Null: the SDK's default credential chain (environment, profile, web identity, instance role).</param>
    public S3BlobStore(S3BlobStoreOptions options, ILogger<S3BlobStore> logger, AWSCredentials? credentials = null)
    {
        var prefix = options.ValidPrefix();
        _options = options;
        _prefix = prefix.Length > 0 ? prefix + "/" : "";
        _logger = logger;
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        _client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var objectKey = ObjectKey(key);
        var partSize = _options.PartSizeBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancellationToken);
            if (filled < partSize)
            {
                await Guard("put", key, () => _client.PutObjectAsync(
                    new PutObjectRequest
                    {
                        BucketName = _options.Bucket,
                        Key = objectKey,
                        InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                        ServerSideEncryptionMethod = Encryption,
                    },
                    cancellationToken),
                    cancellationToken);
                return;
            }

            await PutMultipartAsync(key, objectKey, content, buffer, filled, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The object appears only when the upload completes; a failed upload is aborted so no parts linger.</summary>
    private async Task PutMultipartAsync(string key, string objectKey, Stream content, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        var upload = await Guard("put", key, () => _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest
            {
                BucketName = _options.Bucket,
                Key = objectKey,
                ServerSideEncryptionMethod = Encryption,
                ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            },
            cancellationToken),
            cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var partNumber = 1; filled > 0; partNumber++)
            {
                var part = await Guard("put", key, () => _client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = _options.Bucket,
                        Key = objectKey,
                        UploadId = upload.UploadId,
                        PartNumber = partNumber,
                        InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                        PartSize = filled,
                        ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
                    },
                    cancellationToken),
                    cancellationToken);
                parts.Add(new PartETag(part));
                filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, _options.PartSizeBytes), _options.PartSizeBytes, throwOnEndOfStream: false, cancellationToken);
            }

            await Guard("put", key, () => _client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = _options.Bucket,
                    Key = objectKey,
                    UploadId = upload.UploadId,
                    PartETags = parts,
                },
                cancellationToken),
                cancellationToken);
        }
        catch
        {
            await AbortQuietlyAsync(key, objectKey, upload.UploadId);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(string key, string objectKey, string uploadId)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = objectKey, UploadId = uploadId },
                CancellationToken.None);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            // The bucket's lifecycle rule for incomplete multipart uploads is the backstop.
            LogAbortFailed(_logger, key, e.GetType().Name);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var objectKey = ObjectKey(key);
        var metadata = await HeadAsync("read", key, objectKey, cancellationToken);
        return metadata is null
            ? null
            : new S3ObjectReadStream(_client, _options.Bucket, objectKey, metadata.ETag, metadata.ContentLength, (e, operation) => Classify(e, operation, key));
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        await HeadAsync("exists", key, ObjectKey(key), cancellationToken) is not null;

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var objectKey = ObjectKey(key);

        // S3 deletes are idempotent: a missing key answers 204 as well.
        return Guard("delete", key, () => _client.DeleteObjectAsync(
            new DeleteObjectRequest { BucketName = _options.Bucket, Key = objectKey },
            cancellationToken),
            cancellationToken);
    }

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default)
    {
        BlobKeys.EnsureValidPrefix(prefix);
        return ListPagesAsync(prefix, startAfter, cancellationToken);
    }

    /// <summary>S3 lists in UTF-8 byte order, which is ordinal order for keys, and starts after a key itself.</summary>
    private async IAsyncEnumerable<BlobInfo> ListPagesAsync(string prefix, string? startAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _prefix + prefix, StartAfter = startAfter is null ? null : _prefix + startAfter };
        do
        {
            var page = await Guard("list", prefix, () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                var key = item.Key[_prefix.Length..];

                // Objects not written by this store (other tools share buckets) are not blobs of ours.
                if (BlobKeys.IsValid(key))
                {
                    yield return new BlobInfo(key, item.Size ?? 0, item.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : DateTimeOffset.MinValue);
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    public async Task<Uri?> GetReadUrlAsync(string key, string contentType, CancellationToken cancellationToken = default)
    {
        var objectKey = ObjectKey(key);
        if (!_options.Presign)
        {
            return null;
        }

        var request = new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = objectKey,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(_options.PresignLifetime),
            Protocol = _options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            ResponseHeaderOverrides = { ContentType = contentType },
        };

        // Signing is local (no request to S3), but resolving credentials may fail.
        return new Uri(await Guard("presign", key, () => _client.GetPreSignedURLAsync(request), cancellationToken));
    }

    public void Dispose() => _client.Dispose();

    private ServerSideEncryptionMethod? Encryption => _options.ServerSideEncryption ? ServerSideEncryptionMethod.AES256 : null;

    private string ObjectKey(string key)
    {
        BlobKeys.EnsureValid(key);
        return _prefix + key;
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(string operation, string key, string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = objectKey }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is null or "NotFound" or "NoSuchKey")
        {
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Classify(e, operation, key);
        }
    }

    private async Task<T> Guard<T>(string operation, string key, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Classify(e, operation, key);
        }
    }

    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) =>
        e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private BlobStoreException Classify(Exception e, string operation, string key)
    {
        var failure = ClassifyFailure(e);
        var service = e as AmazonServiceException;
        LogFailure(_logger, operation, key, failure, (int?)service?.StatusCode, service?.ErrorCode, service?.RequestId, e.GetType().Name);
        return new BlobStoreException(failure, operation, service?.ErrorCode, service?.RequestId);
    }

    /// <summary>Maps a provider failure to what a caller can do about it. The SDK has already retried transient ones.</summary>
    internal static BlobFailure ClassifyFailure(Exception e) => e switch
    {
        AmazonServiceException { ErrorCode: "SlowDown" or "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequests" or "RequestThrottled" } => BlobFailure.Throttled,
        AmazonServiceException { StatusCode: HttpStatusCode.TooManyRequests } => BlobFailure.Throttled,
        AmazonServiceException { StatusCode: HttpStatusCode.Forbidden } => BlobFailure.AccessDenied,
        AmazonServiceException { ErrorCode: "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" } => BlobFailure.AccessDenied,
        AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } => BlobFailure.Unavailable,
        AmazonServiceException { StatusCode: HttpStatusCode.RequestTimeout } => BlobFailure.Unavailable,
        AmazonServiceException => BlobFailure.Rejected,
        _ => BlobFailure.Unavailable,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "S3 {Operation} of blob {Key} failed: {Failure} (HTTP {Status}, {ErrorCode}, request {RequestId}, {ExceptionType})")]
    private static partial void LogFailure(ILogger logger, string operation, string key, BlobFailure failure, int? status, string? errorCode, string? requestId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aborting the failed multipart upload of blob {Key} failed too ({ExceptionType})")]
    private static partial void LogAbortFailed(ILogger logger, string key, string exceptionType);
}
