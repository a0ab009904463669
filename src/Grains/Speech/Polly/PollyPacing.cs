using Microsoft.Extensions.Options;

namespace Lector.Grains.Speech.Polly;

/// <summary>
/// Paces SynthesizeSpeech calls per Polly engine, so a large job spreads its requests over time instead of
/// running into Polly's throttling. The configured rate is the account's, for the whole cluster: each silo
/// takes its share (rate / active silos), read from the local membership view, so pacing costs no grain call.
/// </summary>
public sealed class PollyPacing(IOptions<PollyOptions> options, TimeProvider time, IActiveSilos silos)
{
    private readonly Dictionary<string, RequestPacer> _pacers = PollyEngines.All.ToDictionary(
        engine => engine,
        engine => new RequestPacer(() => options.Value.RequestsPerSecond.GetValueOrDefault(engine, 8) / Math.Max(1, silos.Count), time),
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
    private readonly Func<double> _requestsPerSecond;
    private TimeSpan _nextSlot;

    public RequestPacer(double requestsPerSecond, TimeProvider time)
        : this(() => requestsPerSecond, time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
    }

    /// <summary>A pacer whose rate may change (as silos join and leave); it is read at every request.</summary>
    public RequestPacer(Func<double> requestsPerSecond, TimeProvider time)
    {
        _time = time;
        _requestsPerSecond = requestsPerSecond;
        _nextSlot = Now - Interval;
    }

    private TimeSpan Interval => TimeSpan.FromSeconds(1 / Math.Max(0.001, _requestsPerSecond()));

    private TimeSpan Now => _time.GetElapsedTime(0);

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = Now;
            var slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + Interval;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
