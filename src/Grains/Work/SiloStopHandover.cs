using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Work;

/// <summary>
/// Live migration when a silo stops (a rolling restart). Orleans moves a stopping silo's activation to another silo
/// on its own only when calls are waiting for it; the others are deactivated. A grain with work in flight or facts it
/// keeps only in memory asks to move anyway: its persisted state, and what it adds as an
/// <see cref="IGrainMigrationParticipant"/>, arrive on another silo, which carries on at once instead of waiting for
/// the next call, a job's recheck or the pending-work sweep. With no other silo up it is deactivated as before.
/// An activation that moves must become ready without awaiting another grain: the move waits for it, and that grain
/// may be moving in the same batch (which would hold both until the shutdown budget runs out).
/// </summary>
internal static class SiloStopHandover
{
    /// <summary>
    /// Called from <c>OnDeactivateAsync</c>: asks to move when the deactivation is the silo stopping and the activation
    /// holds something worth moving (<paramref name="worthMoving"/>).
    /// </summary>
    public static Task MoveIfSiloStops(this IGrainBase grain, DeactivationReason reason, bool worthMoving)
    {
        if (worthMoving && reason.ReasonCode == DeactivationReasonCode.ShuttingDown && AnotherSiloIsActive(grain.GrainContext))
        {
            grain.MigrateOnIdle();
        }

        return Task.CompletedTask;
    }

    /// <summary>A silo alone (embedded mode, the last of a cluster) has nowhere to send it, and placement would fail loudly.</summary>
    private static bool AnotherSiloIsActive(IGrainContext context)
    {
        var here = context.Address.SiloAddress;
        return context.ActivationServices.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
            .Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(here));
    }
}
