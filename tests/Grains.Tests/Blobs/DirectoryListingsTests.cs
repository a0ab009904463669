using Lector.Blobs;

namespace Lector.Grains.Tests.Blobs;

/// <summary>
/// A large directory's listing is kept while its modification time is unchanged and read again after any change:
/// a blob listing that reuses it never misses a blob or returns a deleted one.
/// </summary>
public sealed class DirectoryListingsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly DirectoryListings _listings = new();
    private int _reads;

    [Fact]
    public void A_large_directory_still_for_a_while_is_read_once_until_an_entry_is_added_or_removed()
    {
        MakeFiles(DirectoryListings.MinEntries);
        Settle();

        Assert.Equal(DirectoryListings.MinEntries, Read().Count);
        Assert.Equal(DirectoryListings.MinEntries, Read().Count);
        Assert.Equal(1, _reads);

        File.WriteAllBytes(Path.Combine(_directory.Path, "added"), []);
        Assert.Equal(DirectoryListings.MinEntries + 1, Read().Count);
        Assert.Equal(2, _reads);

        // Changed just now: read each time until it has been still long enough to trust its time.
        Assert.Equal(DirectoryListings.MinEntries + 1, Read().Count);
        Assert.Equal(3, _reads);

        Settle();
        File.Delete(Path.Combine(_directory.Path, "added"));
        Assert.Equal(DirectoryListings.MinEntries, Read().Count);
        Settle();
        Read();
        Read();
        Assert.Equal(5, _reads);
    }

    [Fact]
    public void A_small_directory_is_read_every_time()
    {
        MakeFiles(DirectoryListings.MinEntries - 1);
        Settle();

        Read();
        Read();

        Assert.Equal(2, _reads);
    }

    public void Dispose() => _directory.Dispose();

    private List<string> Read() => [.. _listings.Read(_directory.Path, () =>
    {
        _reads++;
        return Directory.EnumerateFileSystemEntries(_directory.Path).ToList();
    })];

    private void MakeFiles(int count)
    {
        for (var i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(_directory.Path, $"f{i}"), []);
        }
    }

    /// <summary>As if the last change was a minute ago.</summary>
    private void Settle() => Directory.SetLastWriteTimeUtc(_directory.Path, DateTime.UtcNow.AddMinutes(-1));
}
