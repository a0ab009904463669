using Lector.Abstractions;
using Lector.Abstractions.Blobs;
using Lector.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Blobs;

/// <summary>The configuration keys select and configure the store, as deployments set them.</summary>
public sealed class BlobStoreRegistrationTests(MotoServerFixture moto) : IClassFixture<MotoServerFixture>
{
    [Fact]
    public async Task The_s3_provider_is_configured_from_the_blobs_section()
    {
        var prefix = $"configured{Guid.NewGuid():N}";
        await using var services = Build(new()
        {
            ["Blobs:Provider"] = "s3",
            ["Blobs:S3:ServiceUrl"] = moto.ServiceUrl,
            ["Blobs:S3:Bucket"] = MotoServerFixture.Bucket,
            ["Blobs:S3:Prefix"] = prefix,
            ["Blobs:S3:ForcePathStyle"] = "true",
            ["Blobs:S3:ServerSideEncryption"] = "false",
            ["Blobs:S3:Presign"] = "true",
        });
        var store = services.GetRequiredService<IBlobStore>();

        // The registered store takes credentials from the SDK's default chain, whose first link is the environment;
        // they are set only while this test talks to moto, and whatever was there before is put back.
        var previous = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        try
        {
            await store.PutAsync("a/b.bin", new MemoryStream([4, 2]));
            Assert.NotNull(await store.GetReadUrlAsync("a/b.bin", "audio/wav"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", previous.Item1);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", previous.Item2);
        }

        Assert.IsType<S3BlobStore>(Assert.IsType<MeasuredBlobStore>(store).Inner);
        using var client = moto.CreateClient();
        var raw = await client.GetObjectMetadataAsync(MotoServerFixture.Bucket, $"{prefix}/a/b.bin");
        Assert.Equal(2, raw.ContentLength);
        Assert.NotEqual(Amazon.S3.ServerSideEncryptionMethod.AES256, raw.ServerSideEncryptionMethod);
    }

    [Fact]
    public async Task The_filesystem_provider_is_the_default_and_lives_in_the_data_directory()
    {
        using var data = new TempDirectory();
        await using var services = Build(new() { ["App:DataDirectory"] = data.Path });

        var store = services.GetRequiredService<IBlobStore>();
        await store.PutAsync("a/b.bin", new MemoryStream([1]));

        Assert.IsType<FileSystemBlobStore>(Assert.IsType<MeasuredBlobStore>(store).Inner);
        Assert.True(File.Exists(Path.Combine(data.Path, "blobs", "a", "b.bin")));
    }

    [Fact]
    public void An_unknown_provider_fails_at_start_up() =>
        Assert.Throws<SettingException>(() => Build(new() { ["Blobs:Provider"] = "floppy" }));

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddLectorBlobStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
