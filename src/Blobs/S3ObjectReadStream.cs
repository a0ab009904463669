using Amazon.S3;
using Amazon.S3.Model;
using Lector.Abstractions.Blobs;

namespace Lector.Blobs;

/// <summary>
/// A read-only, seekable view of one S3 object version. Reads fetch ranged windows starting at the current position:
/// the first window after a seek is small, so a short HTTP range (a player probing a few bytes) costs little and the
/// connection can be reused; later windows grow so a full read needs few requests. Every GET carries the ETag seen
/// at open, so an object replaced mid-read fails the read instead of mixing two versions.
/// </summary>
internal sealed class S3ObjectReadStream(
    IAmazonS3 client,
    string bucket,
    string objectKey,
    string etag,
    long length,
    Func<Exception, string, BlobStoreException> classify) : Stream
{
    private const long FirstWindow = 256 * 1024;
    private const long LargestWindow = 32 * 1024 * 1024;

    private GetObjectResponse? _window;
    private Stream? _windowBody;
    private long _windowEnd;
    private long _nextWindowSize = FirstWindow;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        if (_windowBody is null)
        {
            await OpenWindowAsync(cancellationToken);
        }

        var wanted = (int)Math.Min(buffer.Length, _windowEnd - _position);
        int read;
        try
        {
            read = await _windowBody!.ReadAsync(buffer[..wanted], cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or AmazonS3Exception)
        {
            CloseWindow();
            throw classify(e, "read");
        }

        if (read == 0)
        {
            CloseWindow();
            throw new BlobStoreException(BlobFailure.Unavailable, "read", "TruncatedResponse");
        }

        _position += read;
        if (_position == _windowEnd)
        {
            CloseWindow();
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Callers in this code base read asynchronously; the synchronous path exists because Stream demands it.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            CloseWindow();
            _nextWindowSize = FirstWindow;
            _position = target;
        }

        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseWindow();
        }

        base.Dispose(disposing);
    }

    private async Task OpenWindowAsync(CancellationToken cancellationToken)
    {
        _windowEnd = Math.Min(length, _position + _nextWindowSize);
        _nextWindowSize = Math.Min(LargestWindow, _nextWindowSize * 4);
        try
        {
            _window = await client.GetObjectAsync(
                new GetObjectRequest
                {
                    BucketName = bucket,
                    Key = objectKey,
                    ByteRange = new ByteRange(_position, _windowEnd - 1),
                    EtagToMatch = etag,
                },
                cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is System.Net.HttpStatusCode.PreconditionFailed or System.Net.HttpStatusCode.NotFound)
        {
            throw new IOException("The blob was replaced or deleted while it was being read.");
        }
        catch (Exception e) when (e is IOException or HttpRequestException or AmazonS3Exception or Amazon.Runtime.AmazonClientException)
        {
            throw classify(e, "read");
        }

        _windowBody = _window.ResponseStream;
    }

    private void CloseWindow()
    {
        _windowBody?.Dispose();
        _window?.Dispose();
        _windowBody = null;
        _window = null;
    }
}
