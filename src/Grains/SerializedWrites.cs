namespace Lector.Grains;

/// <summary>
/// Serializes a grain's state writes. Grains that run work in the background (between turns)
/// could otherwise start a second write before the first returned and fail on their own ETag.
/// </summary>
internal sealed class SerializedWrites : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RunAsync(Func<Task> write)
    {
        await _gate.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
