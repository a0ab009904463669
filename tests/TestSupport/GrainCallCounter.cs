namespace Lector.Testing;

/// <summary>Counts every grain call the silo receives (from the web front and from other grains alike).</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        Interlocked.Increment(ref _calls);
        return context.Invoke();
    }

    /// <summary>Waits until no grain call has arrived for a moment (background work has settled).</summary>
    public async Task WaitForQuietAsync()
    {
        var last = -1L;
        for (var i = 0; i < 100 && last != Calls; i++)
        {
            last = Calls;
            await Task.Delay(200);
        }
    }
}
