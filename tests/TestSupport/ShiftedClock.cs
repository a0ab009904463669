namespace Lector.Testing;

/// <summary>
/// Real time plus an offset the tests move. Not a stopped FakeTimeProvider: Orleans resolves the silo's
/// TimeProvider too, and its timers and timeouts must keep running; only wall-clock dates jump.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
