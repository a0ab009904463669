namespace Lector.Grains.Accounts;

/// <summary>Wakes the calls waiting for a session or token to end, when it ends; the grain's state says whether it has.</summary>
internal sealed class CredentialEnd
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Signal() => _ended.TrySetResult();

    /// <summary>Returns when the credential ends or <paramref name="wait"/> has passed, on the grain's scheduler.</summary>
    public async Task WaitAsync(TimeSpan wait, TimeProvider time) =>
        await _ended.Task.WaitAsync(wait, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
}
