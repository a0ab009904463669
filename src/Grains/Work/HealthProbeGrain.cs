using Lector.Abstractions.Work;

namespace Lector.Grains.Work;

public sealed class HealthProbeState
{
    public DateTimeOffset LastProbe { get; set; }
}

public sealed class HealthProbeGrain(
    [PersistentState("healthProbe")] IPersistentState<HealthProbeState> state,
    TimeProvider time) : Grain, IHealthProbeGrain
{
    public async Task Probe()
    {
        state.State.LastProbe = time.GetUtcNow();
        await state.WriteStateAsync();
    }
}
