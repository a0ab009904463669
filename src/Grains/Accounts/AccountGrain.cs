using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Limits;
using Lector.Abstractions.Notifications;
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
    public async Task<UserProfile?> Register(string email, string password, string displayName)
    {
        if (email != this.GetPrimaryKeyString() || EmailAddresses.Normalize(email) != email)
        {
            throw new ArgumentException("An account is keyed by the normalized address it registers.", nameof(email));
        }

        if (state.RecordExists)
        {
            // The same slow hash a new account costs, so the time taken does not tell a taken address from a new one.
            var holder = state.State;
            await Task.Run(() => hasher.HashPassword(holder, password));
            await grains.Grain<INotificationInboxGrain>(holder.UserId).Add(
                RegistrationAttemptKind, Anonymous, "Someone tried to create a Lector account with your e-mail address. If it was you, sign in instead; otherwise there is nothing to do.", NoData);
            return null;
        }

        await EnsureNotConfusableAsync(email);
        var userId = Secrets.NewId();
        var account = new AccountState { UserId = userId };

        // PBKDF2 is deliberately slow; run it off the grain's turn (and off grain state, which is turn-bound).
        account.PasswordHash = await Task.Run(() => hasher.HashPassword(account, password));
        state.State = account;
        var user = grains.Grain<IUserGrain>(userId);
        await user.Initialize(email, displayName);
        await state.WriteStateAsync();
        return (await user.GetProfile())!;
    }

    public async Task<SignInOutcome> SignIn(string password, string client)
    {
        var email = this.GetPrimaryKeyString();
        ILoginThrottleGrain[] throttles =
        [
            grains.Grain<ILoginThrottleGrain>(LoginThrottleGrain.AccountAtClient(email, client)),
            grains.Grain<ILoginThrottleGrain>(LoginThrottleGrain.Client(client)),
            grains.Grain<ILoginThrottleGrain>(LoginThrottleGrain.Account(email)),
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

    /// <summary>
    /// Refuses an address that can be mistaken for an existing account's: one whose skeleton another address holds, or
    /// (for accounts from before skeletons were kept) whose skeleton is itself an account's address.
    /// </summary>
    private async Task EnsureNotConfusableAsync(string email)
    {
        var skeleton = EmailAddresses.Skeleton(email);
        if ((skeleton != email && await grains.Grain<IAccountGrain>(skeleton).GetUserId() is not null)
            || !await grains.Grain<IEmailSkeletonGrain>(skeleton).Claim(email))
        {
            throw new LectorException(ErrorKind.Conflict, "auth.email_confusable");
        }
    }

    public Task<string?> GetUserId() => Task.FromResult(state.RecordExists ? state.State.UserId : null);

    /// <summary>The kind of the notification the holder of an address gets when someone registers it again.</summary>
    public const string RegistrationAttemptKind = "account.registration_attempt";

    // Whoever registers is not signed in; all their attempts on one address fold into one notification.
    private const string Anonymous = "anonymous";

    private static readonly Dictionary<string, string> NoData = [];

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AccountState>().HashPassword(new AccountState(), Secrets.NewId()));
}
