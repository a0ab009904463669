using Lector.Abstractions.Blobs;
using Lector.Blobs;

namespace Lector.Grains.Tests.Blobs;

public sealed class FileSystemBlobStoreTests : BlobStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public FileSystemBlobStoreTests()
    {
        Store = new FileSystemBlobStore(_directory.Path);
    }

    protected override IBlobStore Store { get; }

    protected override bool HandsOutReadUrls => false;

    [Fact]
    public async Task Objects_are_files_under_the_root_and_no_temp_files_remain()
    {
        await Store.PutAsync("a/b/c.bin", new MemoryStream([1, 2, 3]));

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_directory.Path, "a", "b", "c.bin")));
        Assert.Single(Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => _directory.Dispose();
}
