using Lector.Abstractions.Accounts;
using Lector.Grains.Observers;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Lector.Grains.Accounts;

/// <summary>
/// Reentrant: pushes wait on fronts, and neither renewals nor other ends should queue behind a slow one. Every turn
/// works on the subscriber list between awaits only. When its silo stops it moves with the list, so no front learns
/// of a new subscription and forgets the credentials it keeps because of a rolling restart.
/// </summary>
[Reentrant]
public sealed partial class CredentialEndsGrain(TimeProvider time, ILogger<CredentialEndsGrain> logger) : Grain, ICredentialEndsGrain, IGrainMigrationParticipant
{
    /// <summary>A front that takes longer than this to drop a credential is dropped itself, so an end is everywhere within a second.</summary>
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(1);

    private readonly Subscribers<ICredentialEndObserver> _fronts = new(CredentialEndSubscription.RenewEvery * 3, PushTimeout, time);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        this.MoveIfSiloStops(reason, worthMoving: _fronts.Count > 0);

    public void OnDehydrate(IDehydrationContext migrationContext) => _fronts.OnDehydrate(migrationContext);

    public void OnRehydrate(IRehydrationContext migrationContext) => _fronts.OnRehydrate(migrationContext);

    public Task<Guid> Subscribe(ICredentialEndObserver front) => Task.FromResult(_fronts.Renew(front));

    public Task Unsubscribe(ICredentialEndObserver front)
    {
        _fronts.Remove(front);
        return Task.CompletedTask;
    }

    public Task Ended(string credentialKey) =>
        _fronts.PushAsync(front => front.CredentialEnded(credentialKey), e => LogPushFailed(logger, e));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A web front did not take the end of a credential in time; it forgets every credential it kept when it renews")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
