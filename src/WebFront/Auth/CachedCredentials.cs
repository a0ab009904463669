using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Lector.WebFront.Auth;

/// <summary>
/// Who each session or API token signs in, kept by this front for a minute so that an authenticated request costs
/// no grain call. Ends are pushed: <see cref="ICredentialEndsGrain"/> tells every subscribed front before a sign-out
/// or revocation returns, so an ended credential stops working on every front at once. Nothing is kept while the
/// subscription is not known to be current (not yet made, a renewal failed, or pushes may have been missed), and
/// everything kept is forgotten then: without the pushes, the grains are asked on every request as before.
/// </summary>
public sealed partial class CachedCredentials(IClusterClient cluster, TimeProvider time, ILogger<CachedCredentials> logger)
    : BackgroundService, ICredentialEndObserver
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);

    /// <summary>Before the first subscription, and after a failed renewal, try again soon.</summary>
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a renewal vouches for the subscription: two renewal periods, well inside the three after which
    /// <see cref="ICredentialEndsGrain"/> forgets a silent front, so this front stops trusting first.
    /// </summary>
    private static readonly TimeSpan TrustFor = CredentialEndSubscription.RenewEvery * 2;

    private const int MaxKept = 100_000;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MaxKept });

    /// <summary>Counts ends and forgettings, so a lookup that raced one does not keep what it read.</summary>
    private long _ends;

    private long _trustedUntilTicks;
    private Guid? _generation;
    private ICredentialEndObserver? _reference;

    /// <summary>
    /// The user the credential signs in, kept or read with <paramref name="validate"/> (a null answer is never kept).
    /// </summary>
    /// <param name="method">How the credential was presented (<see cref="Caller.CookieMethod"/> or <see cref="Caller.BearerMethod"/>).</param>
    public async ValueTask<SignedInUser?> GetAsync(string credentialKey, string method, Func<Task<Principal?>> validate)
    {
        // Kept for the way it was presented only: a token sent as a session cookie (or a session as a bearer token) is
        // asked of the grains, which refuse it, and never borrows the other way's answer (a bearer call skips CSRF).
        if (IsTrusted && _kept.TryGetValue(credentialKey, out SignedInUser? kept) && kept is not null && !HasExpired(kept)
            && kept.ViaCookie == (method == Caller.CookieMethod))
        {
            return kept;
        }

        var ends = Interlocked.Read(ref _ends);
        var principal = await validate();
        if (principal is null)
        {
            return null;
        }

        var user = new SignedInUser(principal, method, credentialKey);
        if (IsTrusted && Interlocked.Read(ref _ends) == ends)
        {
            var keepUntil = time.GetUtcNow() + KeepFor;
            _kept.Set(credentialKey, user, new MemoryCacheEntryOptions
            {
                AbsoluteExpiration = principal.ValidUntil < keepUntil ? principal.ValidUntil : keepUntil,
                Size = 1,
            });
        }

        return user;
    }

    public Task CredentialEnded(string credentialKey)
    {
        Interlocked.Increment(ref _ends);
        _kept.Remove(credentialKey);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = await RenewAsync() ? CredentialEndSubscription.RenewEvery : RetryEvery;
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Forget();
        if (_reference is { } reference)
        {
            try
            {
                await cluster.Grain<ICredentialEndsGrain>(0).Unsubscribe(reference).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Leaving anyway: the subscription lapses by itself.
                LogUnsubscribeFailed(logger, e);
            }
        }
    }

    public override void Dispose()
    {
        _kept.Dispose();
        base.Dispose();
    }

    private bool IsTrusted => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _trustedUntilTicks);

    private bool HasExpired(SignedInUser user) => user.ValidUntil <= time.GetUtcNow();

    private async Task<bool> RenewAsync()
    {
        try
        {
            _reference ??= cluster.CreateObjectReference<ICredentialEndObserver>(this);
            var renewedAt = time.GetUtcNow();
            var generation = await cluster.Grain<ICredentialEndsGrain>(0).Subscribe(_reference);
            if (generation != _generation)
            {
                // A new subscription: ends before it were not heard here.
                Forget();
                _generation = generation;
                LogSubscribed(logger);
            }

            Interlocked.Exchange(ref _trustedUntilTicks, (renewedAt + TrustFor).UtcTicks);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Exchange(ref _trustedUntilTicks, 0);
            Forget();
            LogRenewFailed(logger, e);
            return false;
        }
    }

    private void Forget()
    {
        Interlocked.Increment(ref _ends);
        _kept.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to credential ends: sessions and tokens are kept by this front from now on")]
    private static partial void LogSubscribed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The subscription to credential ends could not be renewed; every request asks the grains until it is")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The subscription to credential ends could not be cancelled")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
