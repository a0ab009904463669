using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Grains.Storage;
using Lector.Grains.Work;

namespace Lector.Grains.Lifecycle;

/// <summary>
/// One retention pass: asks the audio records which completed audio is due for a warning or for expiry, and
/// visits only those, so a pass with nothing due activates no audio grain however much audio exists. Driven by
/// a timer on every silo (LifecycleTimers in the host): passes that overlap are harmless, since applying retention
/// is idempotent.
/// </summary>
public sealed class AudioRetentionSweep(IAudioRecords records, IAudioLifecycleSettings settings, IGrainFactory grains, TimeProvider time)
{
    private const int PageSize = 256;
    private const int VisitsAtOnce = 16;

    /// <summary>Returns how many audio were visited.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var current = await settings.GetAsync();
        var now = time.GetUtcNow();

        // A clock that started at or before these is due for a warning, or for expiry.
        var warnBefore = now.AddDays(Math.Min(current.ExpiryWarningDays, current.RetentionDays) - current.RetentionDays);
        var expireBefore = now.AddDays(-current.RetentionDays);
        var visited = await VisitAsync(RetentionDue.Warning, warnBefore, cancellationToken)
            + await VisitAsync(RetentionDue.Expiry, expireBefore, cancellationToken);
        return current.AutoDeleteExpired ? visited + await VisitAsync(RetentionDue.ExpiredKept, now, cancellationToken) : visited;
    }

    private Task<int> VisitAsync(RetentionDue due, DateTimeOffset clockBefore, CancellationToken cancellationToken) =>
        PagedVisits.VisitAllAsync<RetentionCandidate>(
            (after, limit) => records.DueForRetentionAsync(due, clockBefore, after, limit, cancellationToken),
            PageSize,
            VisitsAtOnce,
            candidate => grains.Grain<IPageVoiceMaintenanceGrain>(candidate.GrainKey).ApplyRetention());
}
