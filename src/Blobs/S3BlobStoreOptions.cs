using Lector.Abstractions;
using Lector.Abstractions.Blobs;

namespace Lector.Blobs;

/// <summary>The <c>Blobs:S3</c> section. Credentials are not here: the SDK's default chain provides them.</summary>
public sealed class S3BlobStoreOptions
{
    public const string Section = "Blobs:S3";

    /// <summary>Endpoint of an S3-compatible store (MinIO, moto...); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "";

    /// <summary>Every key is stored under this prefix, so one bucket can serve several deployments.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>AWS region; with <see cref="ServiceUrl"/>, the region requests are signed for (default us-east-1).</summary>
    public string? Region { get; set; }

    /// <summary>Bucket in the path rather than the host name, as most S3-compatible stores need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Ask S3 to encrypt objects at rest (SSE-S3, AES256).</summary>
    public bool ServerSideEncryption { get; set; } = true;

    /// <summary>Audio is delivered by redirecting clients to a presigned URL instead of streaming it through the web front.</summary>
    public bool Presign { get; set; }

    public TimeSpan PresignLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Objects larger than this go up as multipart uploads of parts this size; at most one part is held in memory.</summary>
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Checks the settings (a bucket, a valid prefix, parts S3 accepts) and returns the prefix without slashes at its ends.</summary>
    public string ValidPrefix()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new SettingException($"{Section}:{nameof(Bucket)} is required for the S3 blob store.");
        }

        var prefix = Prefix.Trim('/');
        if (prefix.Length > 0 && !BlobKeys.IsValid(prefix))
        {
            throw new SettingException($"{Section}:{nameof(Prefix)} must be lower-case path segments of [a-z0-9._-].");
        }

        if (PartSizeBytes < 5 * 1024 * 1024)
        {
            // S3 refuses multipart parts below 5 MiB (except the last).
            throw new SettingException($"{Section}:{nameof(PartSizeBytes)} must be at least 5 MiB.");
        }

        return prefix;
    }
}
