using Lector.Abstractions;
using Lector.Abstractions.Accounts;

namespace Lector.Grains.Accounts;

public sealed class ApiTokenState
{
    public string UserId { get; set; } = "";

    public string TokenId { get; set; } = "";

    public DateTimeOffset? LastUsedAt { get; set; }
}

public sealed class ApiTokenGrain(
    [PersistentState("apiToken")] IPersistentState<ApiTokenState> state,
    TimeProvider time) : Grain, IApiTokenGrain
{
    private readonly CredentialEnd _end = new();

    // Writing on every request would make each API call a database write; a minute's precision is plenty.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task Issue(string userId, string tokenId)
    {
        state.State = new ApiTokenState { UserId = userId, TokenId = tokenId };
        await state.WriteStateAsync();
    }

    public async Task<Principal?> Authenticate()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (state.State.LastUsedAt is not { } last || now - last >= LastUsedPrecision)
        {
            state.State.LastUsedAt = now;
            try
            {
                await state.WriteStateAsync();
            }
            catch (StorageUnavailableException)
            {
                // Only a hint for the token list: a request must not fail because it cannot be noted. The time stays in
                // memory, and the next write carries it.
            }
        }

        return new Principal(state.State.UserId, CsrfToken: null);
    }

    public Task<DateTimeOffset?> GetLastUsed() => Task.FromResult(state.RecordExists ? state.State.LastUsedAt : null);

    public async Task<bool> WaitForEnd(TimeSpan wait)
    {
        if (state.RecordExists)
        {
            await _end.WaitAsync(wait, time);
        }

        return !state.RecordExists;
    }

    public async Task Revoke()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        _end.Signal();
        await GrainFactory.Grain<ICredentialEndsGrain>(0).Ended(this.GetPrimaryKeyString());
    }
}
