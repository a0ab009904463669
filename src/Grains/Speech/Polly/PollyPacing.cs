using Microsoft.Extensions.Options;

namespace Lector.Grains.Speech.Polly;

/// <summary>
/// Paces SynthesizeSpeech calls per Polly engine, so a large job spreads its requests over time instead of
/// running into Polly's throttling. One pacer per engine type and silo.
/// </summary>
public sealed class PollyPacing(IOptions<PollyOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, RequestPacer> _pacers = PollyEngines.All.ToDictionary(
        engine => engine,
        engine => new RequestPacer(options.Value.RequestsPerSecond.GetValueOrDefault(engine, 8), time),
        StringComparer.Ordinal);

    /// <summary>Waits for this engine's next free request slot.</summary>
    public ValueTask WaitAsync(string engine, CancellationToken cancellationToken) =>
        _pacers.TryGetValue(engine, out var pacer) ? pacer.WaitAsync(cancellationToken) : ValueTask.CompletedTask;
}

/// <summary>
/// Hands out request slots at a steady rate without bursts: each caller gets the next slot in line and waits
/// until it comes. A cancelled waiter's slot is not given back, which errs on the slow side.
/// </summary>
public sealed class RequestPacer
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private TimeSpan _nextSlot;

    public RequestPacer(double requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        _time = time;
        _interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        _nextSlot = Now - _interval;
    }

    private TimeSpan Now => _time.GetElapsedTime(0);

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = Now;
            var slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + _interval;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
