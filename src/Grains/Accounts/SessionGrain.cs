using Lector.Abstractions;
using Lector.Abstractions.Accounts;

namespace Lector.Grains.Accounts;

public sealed class SessionState
{
    public string UserId { get; set; } = "";

    public string CsrfToken { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    TimeProvider time) : Grain, ISessionGrain
{
    private readonly CredentialEnd _end = new();

    public async Task Open(string userId, string csrfToken, DateTimeOffset expiresAt)
    {
        state.State = new SessionState { UserId = userId, CsrfToken = csrfToken, ExpiresAt = expiresAt };
        await state.WriteStateAsync();
    }

    public async Task<Principal?> Validate()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (state.State.ExpiresAt <= time.GetUtcNow())
        {
            await state.ClearStateAsync();
            return null;
        }

        return new Principal(state.State.UserId, state.State.CsrfToken, state.State.ExpiresAt);
    }

    public async Task<bool> WaitForEnd(TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;

        // Again after each wake: a timer may fire a little before the expiry it was set for.
        while (state.RecordExists && time.GetUtcNow() is var now && state.State.ExpiresAt > now)
        {
            if (now >= until)
            {
                return false;
            }

            var expiresAt = state.State.ExpiresAt;
            await _end.WaitAsync((expiresAt < until ? expiresAt : until) - now, time);
        }

        return true;
    }

    public async Task Close()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        _end.Signal();
        await GrainFactory.Grain<ICredentialEndsGrain>(0).Ended(this.GetPrimaryKeyString());
        DeactivateOnIdle();
    }
}
