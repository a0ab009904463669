using Lector.Abstractions.Limits;

namespace Lector.Grains.Limits;

public sealed class LoginThrottleGrain(TimeProvider time) : Grain, ILoginThrottleGrain
{
    /// <summary>Failures allowed before delays start: enough for typos, too few for guessing.</summary>
    public const int FreeAccountFailures = 5;

    /// <summary>One address may be a whole office behind NAT, so it gets more room before delays start.</summary>
    public const int FreeAddressFailures = 20;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    private int _failures;
    private int? _freeFailures;
    private DateTimeOffset _lastFailure;

    public Task<LimitDecision> Check()
    {
        if (_failures < FreeFailures)
        {
            return Task.FromResult(LimitDecision.Allow);
        }

        var wait = _lastFailure + DelayAfter(_failures) - time.GetUtcNow();
        return Task.FromResult(wait > TimeSpan.Zero ? new LimitDecision(false, wait) : LimitDecision.Allow);
    }

    public Task RecordFailure()
    {
        _failures++;
        _lastFailure = time.GetUtcNow();

        // Keep the activation (and so the count) while a delay is running.
        DelayDeactivation(DelayAfter(_failures) + TimeSpan.FromMinutes(1));
        return Task.CompletedTask;
    }

    public Task RecordSuccess()
    {
        _failures = 0;
        return Task.CompletedTask;
    }

    private int FreeFailures => _freeFailures ??=
        this.GetPrimaryKeyString().StartsWith("address:", StringComparison.Ordinal) ? FreeAddressFailures : FreeAccountFailures;

    /// <summary>1 s after the first counted failure, doubling each time, capped at <see cref="MaxDelay"/>.</summary>
    private TimeSpan DelayAfter(int failures) =>
        failures < FreeFailures ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxDelay.TotalSeconds));
}
