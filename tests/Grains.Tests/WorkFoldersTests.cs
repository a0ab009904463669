using Microsoft.Extensions.Logging.Abstractions;

namespace Lector.Grains.Tests;

/// <summary>Runs' folders on a real disk, in a root of the test's own.</summary>
public sealed class WorkFoldersTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"lector-work-test-{Guid.NewGuid():N}");

    [Fact]
    public void A_run_keeps_its_files_in_a_folder_of_its_own_which_goes_when_it_ends()
    {
        var folders = new WorkFolders(_root, NullLogger.Instance);

        string file;
        using (var run = folders.Open())
        {
            using var other = folders.Open();
            file = run.File("speech.wav");
            File.WriteAllText(file, "audio");
            Assert.NotEqual(run.Path, other.Path);
            Assert.True(File.Exists(file));
        }

        Assert.False(File.Exists(file));
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Fact]
    public void Folders_a_killed_process_left_go_when_the_next_process_opens_a_run_once_they_are_a_day_old()
    {
        var abandoned = Directory.CreateDirectory(Path.Combine(_root, "abandoned"));
        File.WriteAllText(Path.Combine(abandoned.FullName, "speech.wav"), "audio");
        abandoned.LastWriteTimeUtc = DateTime.UtcNow - TimeSpan.FromDays(2);
        var recent = Directory.CreateDirectory(Path.Combine(_root, "another-process-at-work"));

        using var run = new WorkFolders(_root, NullLogger.Instance).Open();

        Assert.False(Directory.Exists(abandoned.FullName));
        Assert.True(Directory.Exists(recent.FullName));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
