using Lector.Abstractions.Limits;
using Lector.Grains.Work;

namespace Lector.Grains.Limits;

/// <summary>
/// Failed sign-ins counted three ways, so that no one's failures lock out anyone else: per account and client
/// (the tightest: guessing one account from one place), per client (one place guessing many accounts) and per account
/// (guessing spread over many places, allowed most before it slows the account's owner too). Counts live in memory
/// only; one whose silo stops moves to another silo with them, so a rolling restart does not hand out fresh attempts.
/// </summary>
public sealed class LoginThrottleGrain(TimeProvider time) : Grain, ILoginThrottleGrain, IGrainMigrationParticipant
{
    /// <summary>Failures for one account from one client before delays start: enough for typos, too few for guessing.</summary>
    public const int FreeAccountAtClientFailures = 5;

    /// <summary>One client may be a whole office behind NAT, so it gets more room before delays start.</summary>
    public const int FreeClientFailures = 20;

    /// <summary>Failures for one account from everywhere; an attacker needs this many before its owner waits at all.</summary>
    public const int FreeAccountFailures = 50;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    private const string AccountAtClientPrefix = "account-at:";
    private const string ClientPrefix = "address:";
    private const string AccountPrefix = "account:";

    private const string FailuresKey = "lector.failures";
    private const string LastFailureKey = "lector.lastFailure";

    private int _failures;
    private int? _freeFailures;
    private DateTimeOffset _lastFailure;

    public static string AccountAtClient(string email, string client) => $"{AccountAtClientPrefix}{client} {email}";

    public static string Client(string client) => ClientPrefix + client;

    public static string Account(string email) => AccountPrefix + email;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_failures > 0)
        {
            KeepWhileDelaying();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        this.MoveIfSiloStops(reason, worthMoving: _failures > 0);

    public void OnDehydrate(IDehydrationContext migrationContext)
    {
        migrationContext.TryAddValue(FailuresKey, _failures);
        migrationContext.TryAddValue(LastFailureKey, _lastFailure);
    }

    public void OnRehydrate(IRehydrationContext migrationContext)
    {
        migrationContext.TryGetValue(FailuresKey, out _failures);
        migrationContext.TryGetValue(LastFailureKey, out _lastFailure);
    }

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
        KeepWhileDelaying();
        return Task.CompletedTask;
    }

    /// <summary>Keeps the activation (and so the count) while a delay is running.</summary>
    private void KeepWhileDelaying() => DelayDeactivation(DelayAfter(_failures) + TimeSpan.FromMinutes(1));

    public Task RecordSuccess()
    {
        _failures = 0;
        return Task.CompletedTask;
    }

    private int FreeFailures => _freeFailures ??= this.GetPrimaryKeyString() switch
    {
        var key when key.StartsWith(AccountAtClientPrefix, StringComparison.Ordinal) => FreeAccountAtClientFailures,
        var key when key.StartsWith(ClientPrefix, StringComparison.Ordinal) => FreeClientFailures,
        _ => FreeAccountFailures,
    };

    /// <summary>1 s after the first counted failure, doubling each time, capped at <see cref="MaxDelay"/>.</summary>
    private TimeSpan DelayAfter(int failures) =>
        failures < FreeFailures ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxDelay.TotalSeconds));
}
