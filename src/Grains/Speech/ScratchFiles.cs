namespace Lector.Grains.Speech;

/// <summary>
/// The files one engine run passes between programs (the WAV the synthesizer writes and the encoder reads, the MP3,
/// a lexicon), in the temporary directory under one unique name, deleted together when the run ends. Files rather than
/// pipes keep the audio out of the host: it never copies megabytes of WAV through its own memory.
/// </summary>
internal sealed class ScratchFiles(string engine) : IDisposable
{
    private readonly string _stem = Path.Combine(Path.GetTempPath(), $"lector-{engine}-{Guid.NewGuid():N}");
    private readonly List<string> _paths = [];

    /// <summary>The run's file with this extension (".wav"), deleted with the others.</summary>
    public string For(string extension)
    {
        var path = _stem + extension;
        _paths.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }
}
