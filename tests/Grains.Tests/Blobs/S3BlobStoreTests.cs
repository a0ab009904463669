using System.Net;
using Amazon.S3;
using Lector.Abstractions;
using Lector.Abstractions.Blobs;
using Lector.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lector.Grains.Tests.Blobs;

/// <summary>The conformance suite and S3 specifics, against a real moto_server; presigning is on.</summary>
public sealed class S3BlobStoreTests(MotoServerFixture moto) : BlobStoreConformanceTests, IClassFixture<MotoServerFixture>, IDisposable
{
    private readonly S3BlobStore _store = moto.CreateStore(prefix: "lector/blobs", presign: true);

    protected override IBlobStore Store => _store;

    protected override bool HandsOutReadUrls => true;

    [Fact]
    public async Task Objects_live_under_the_prefix_and_other_prefixes_do_not_see_them()
    {
        var key = $"p{Guid.NewGuid():N}/object.bin";
        using var other = moto.CreateStore(prefix: "someone-else");
        await _store.PutAsync(key, new MemoryStream([1, 2, 3]));

        using var client = moto.CreateClient();
        var raw = await client.GetObjectMetadataAsync(MotoServerFixture.Bucket, $"lector/blobs/{key}");
        Assert.Equal(3, raw.ContentLength);
        Assert.False(await other.ExistsAsync(key));
        await foreach (var _ in other.ListAsync(key))
        {
            Assert.Fail("A store listed another prefix's object.");
        }
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(9 * 1024 * 1024)]
    public async Task Objects_are_encrypted_at_rest_by_default_whether_sent_whole_or_in_parts(int size)
    {
        var key = $"p{Guid.NewGuid():N}/secret.bin";
        await _store.PutAsync(key, new MemoryStream(RandomBytes(size, seed: size)));

        using var client = moto.CreateClient();
        var raw = await client.GetObjectMetadataAsync(MotoServerFixture.Bucket, $"lector/blobs/{key}");
        Assert.Equal(ServerSideEncryptionMethod.AES256, raw.ServerSideEncryptionMethod);
    }

    [Fact]
    public async Task Encryption_can_be_switched_off()
    {
        using var plain = moto.CreateStore(prefix: "plain", serverSideEncryption: false);
        var key = $"p{Guid.NewGuid():N}/open.bin";
        await plain.PutAsync(key, new MemoryStream([1]));

        using var client = moto.CreateClient();
        var raw = await client.GetObjectMetadataAsync(MotoServerFixture.Bucket, $"plain/{key}");
        Assert.NotEqual(ServerSideEncryptionMethod.AES256, raw.ServerSideEncryptionMethod);
    }

    [Fact]
    public async Task Without_presigning_the_store_offers_no_read_url()
    {
        using var streaming = moto.CreateStore(prefix: "lector/blobs");
        Assert.Null(await streaming.GetReadUrlAsync("a/b.bin", "audio/wav"));
    }

    [Fact]
    public async Task An_object_replaced_while_being_read_fails_the_read_instead_of_mixing_versions()
    {
        var key = $"p{Guid.NewGuid():N}/changing.bin";
        await _store.PutAsync(key, new MemoryStream(RandomBytes(2_000_000, seed: 1)));
        await using var read = await _store.OpenReadAsync(key);
        Assert.NotNull(read);
        var start = new byte[100];
        await read.ReadExactlyAsync(start);

        await _store.PutAsync(key, new MemoryStream(RandomBytes(2_000_000, seed: 2)));

        await Assert.ThrowsAnyAsync<IOException>(async () => await read.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task A_missing_bucket_is_a_rejected_request_without_provider_details()
    {
        using var missing = new S3BlobStore(
            new S3BlobStoreOptions { ServiceUrl = moto.ServiceUrl, Bucket = "no-such-bucket", ForcePathStyle = true },
            NullLogger<S3BlobStore>.Instance,
            MotoServerFixture.Credentials);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => missing.PutAsync("a/b.bin", new MemoryStream([1])));

        Assert.Equal(BlobFailure.Rejected, error.Failure);
        Assert.Equal("NoSuchBucket", error.ErrorCode);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_unavailable()
    {
        using var closed = new S3BlobStore(
            new S3BlobStoreOptions { ServiceUrl = "http://127.0.0.1:9", Bucket = MotoServerFixture.Bucket, ForcePathStyle = true },
            NullLogger<S3BlobStore>.Instance,
            MotoServerFixture.Credentials);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => closed.ExistsAsync("a/b.bin"));

        Assert.Equal(BlobFailure.Unavailable, error.Failure);
        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown", BlobFailure.Throttled)]
    [InlineData(HttpStatusCode.BadRequest, "RequestLimitExceeded", BlobFailure.Throttled)]
    [InlineData(HttpStatusCode.TooManyRequests, null, BlobFailure.Throttled)]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", BlobFailure.AccessDenied)]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", BlobFailure.AccessDenied)]
    [InlineData(HttpStatusCode.BadRequest, "ExpiredToken", BlobFailure.AccessDenied)]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", BlobFailure.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", BlobFailure.Unavailable)]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket", BlobFailure.Rejected)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidArgument", BlobFailure.Rejected)]
    public void Service_errors_are_classified_by_what_a_caller_can_do(HttpStatusCode status, string? code, BlobFailure expected)
    {
        var error = new AmazonS3Exception("message", Amazon.Runtime.ErrorType.Sender, code, "request-id", status);

        Assert.Equal(expected, S3BlobStore.ClassifyFailure(error));
    }

    [Fact]
    public void Transport_failures_are_unavailable() =>
        Assert.Equal(BlobFailure.Unavailable, S3BlobStore.ClassifyFailure(new HttpRequestException("connection refused")));

    [Theory]
    [InlineData(MotoServerFixture.Bucket, "../up")]
    [InlineData(MotoServerFixture.Bucket, "Upper")]
    [InlineData(MotoServerFixture.Bucket, "a//b")]
    [InlineData("", "")]
    public void Bad_settings_fail_at_start_up(string bucket, string prefix) =>
        Assert.Throws<SettingException>(() => new S3BlobStore(
            new S3BlobStoreOptions { ServiceUrl = moto.ServiceUrl, Bucket = bucket, Prefix = prefix },
            NullLogger<S3BlobStore>.Instance,
            MotoServerFixture.Credentials));

    public void Dispose() => _store.Dispose();
}
