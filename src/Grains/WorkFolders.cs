using Microsoft.Extensions.Logging;

namespace Lector.Grains;

/// <summary>
/// A folder where background work keeps files while it runs (an export's intermediate files, a speech engine's WAV and
/// MP3), each run in a folder of its own that goes when the run ends. A process killed mid-run leaves its run's folder
/// behind: folders older than <see cref="LeftoverAge"/> are removed the first time this process opens a run here.
/// </summary>
internal sealed partial class WorkFolders(string root, ILogger logger)
{
    /// <summary>A run's folder this old belongs to no run that still works (a run is bounded by its timeouts).</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromDays(1);

    private string? _root;

    private string Root => LazyInitializer.EnsureInitialized(ref _root, Prepare);

    /// <summary>A new run's own folder, removed with what is in it when the run is disposed.</summary>
    public Run Open() => new(Directory.CreateDirectory(Path.Combine(Root, Guid.NewGuid().ToString("N"))).FullName, this);

    private string Prepare()
    {
        var folder = Directory.CreateDirectory(root);
        foreach (var left in folder.EnumerateDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow - LeftoverAge))
        {
            DeleteQuietly(left.FullName);
        }

        return folder.FullName;
    }

    private void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException e)
        {
            LogWorkLeft(logger, e, directory);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The work folder {Directory} could not be removed")]
    private static partial void LogWorkLeft(ILogger logger, Exception exception, string directory);

    /// <summary>One run's folder.</summary>
    public sealed class Run(string path, WorkFolders folders) : IDisposable
    {
        public string Path { get; } = path;

        /// <summary>The run's file of this name.</summary>
        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => folders.DeleteQuietly(Path);
    }
}
