using Lector.Abstractions.Accounts;

namespace Lector.Grains.Tests.Accounts;

/// <summary>Waiting on a session or token: woken when it is closed, revoked or expires, and not before.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CredentialGrainTests(LectorClusterFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Closing_a_session_wakes_its_waiters_at_once()
    {
        var session = fixture.Client.GetGrain<ISessionGrain>(NewKey());
        await session.Open("user", "csrf", DateTimeOffset.UtcNow.AddDays(1));
        var waiting = session.WaitForEnd(Long);

        await session.Close();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_session_wait_ends_when_the_session_expires()
    {
        var session = fixture.Client.GetGrain<ISessionGrain>(NewKey());
        await session.Open("user", "csrf", DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.True(await session.WaitForEnd(Long).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(await session.Validate());
    }

    [Fact]
    public async Task Revoking_a_token_wakes_its_waiters_at_once_and_a_live_one_only_times_out()
    {
        var token = fixture.Client.GetGrain<IApiTokenGrain>(NewKey());
        await token.Issue("user", "token-id");

        Assert.False(await token.WaitForEnd(TimeSpan.FromMilliseconds(200)));
        var waiting = token.WaitForEnd(Long);
        await token.Revoke();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await token.Authenticate());
    }

    [Fact]
    public async Task A_credential_never_issued_has_ended()
    {
        Assert.True(await fixture.Client.GetGrain<ISessionGrain>(NewKey()).WaitForEnd(Long));
        Assert.True(await fixture.Client.GetGrain<IApiTokenGrain>(NewKey()).WaitForEnd(Long));
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
