using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Limits;
using Lector.Grains.Limits;
using Microsoft.AspNetCore.Identity;

namespace Lector.Grains.Accounts;

public sealed class AccountState
{
    public string UserId { get; set; } = "";

    public string PasswordHash { get; set; } = "";
}

public sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> state,
    IPasswordHasher<AccountState> hasher,
    IGrainFactory grains) : Grain, IAccountGrain
{
    public async Task<UserProfile> Register(string email, string password, string displayName)
    {
        if (state.RecordExists)
        {
            throw new LectorException(ErrorKind.Conflict, "auth.email_taken");
        }

        var userId = Secrets.NewId();
        var account = new AccountState { UserId = userId };

        // PBKDF2 is deliberately slow; run it off the grain's turn (and off grain state, which is turn-bound).
        account.PasswordHash = await Task.Run(() => hasher.HashPassword(account, password));
        state.State = account;
        var user = grains.GetGrain<IUserGrain>(userId);
        await user.Initialize(email, displayName);
        await state.WriteStateAsync();
        return (await user.GetProfile())!;
    }

    public async Task<SignInOutcome> SignIn(string password, string client)
    {
        var email = this.GetPrimaryKeyString();
        ILoginThrottleGrain[] throttles =
        [
            grains.GetGrain<ILoginThrottleGrain>(LoginThrottleGrain.AccountAtClient(email, client)),
            grains.GetGrain<ILoginThrottleGrain>(LoginThrottleGrain.Client(client)),
            grains.GetGrain<ILoginThrottleGrain>(LoginThrottleGrain.Account(email)),
        ];
        var decisions = await Task.WhenAll(throttles.Select(t => t.Check()));
        if (decisions.Where(d => !d.Allowed).MaxBy(d => d.RetryAfter) is { } refused)
        {
            return new SignInOutcome(null, refused.RetryAfter);
        }

        var userId = await VerifyPasswordAsync(password);
        if (userId is null)
        {
            await Task.WhenAll(throttles.Select(t => t.RecordFailure()));
            return new SignInOutcome(null, TimeSpan.Zero);
        }

        // Only this client's count for the account starts over: a success says nothing about guessing elsewhere.
        await throttles[0].RecordSuccess();
        return new SignInOutcome(userId, TimeSpan.Zero);
    }

    private async Task<string?> VerifyPasswordAsync(string password)
    {
        var account = state.State;
        if (!state.RecordExists)
        {
            // Same work as a real check, so timing does not reveal which e-mails exist.
            await Task.Run(() => hasher.VerifyHashedPassword(account, DummyHash.Value, password));
            return null;
        }

        var result = await Task.Run(() => hasher.VerifyHashedPassword(account, account.PasswordHash, password));
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = await Task.Run(() => hasher.HashPassword(account, password));
            await state.WriteStateAsync();
        }

        return result == PasswordVerificationResult.Failed ? null : account.UserId;
    }

    public Task<string?> GetUserId() => Task.FromResult(state.RecordExists ? state.State.UserId : null);

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AccountState>().HashPassword(new AccountState(), Secrets.NewId()));
}
