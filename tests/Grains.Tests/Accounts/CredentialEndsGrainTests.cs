using System.Collections.Concurrent;
using Lector.Abstractions.Accounts;

namespace Lector.Grains.Tests.Accounts;

/// <summary>Fronts hear of every ended session and token before the end returns; one that fails to is told it missed one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CredentialEndsGrainTests(LectorClusterFixture fixture)
{
    [Fact]
    public async Task Every_front_hears_an_end_before_it_returns_and_a_front_that_failed_one_learns_it_when_it_renews()
    {
        var ends = fixture.Client.GetGrain<ICredentialEndsGrain>(0);
        var listening = new Front(fails: false);
        var broken = new Front(fails: true);
        var listeningReference = fixture.Client.CreateObjectReference<ICredentialEndObserver>(listening);
        var brokenReference = fixture.Client.CreateObjectReference<ICredentialEndObserver>(broken);
        try
        {
            var generation = await ends.Subscribe(listeningReference);
            var brokenGeneration = await ends.Subscribe(brokenReference);
            Assert.Equal(generation, await ends.Subscribe(listeningReference));

            var sessionKey = Guid.NewGuid().ToString("N");
            var session = fixture.Client.GetGrain<ISessionGrain>(sessionKey);
            await session.Open("user", "csrf", DateTimeOffset.UtcNow.AddDays(1));
            await session.Close();
            Assert.Contains(sessionKey, listening.Heard);

            var tokenKey = Guid.NewGuid().ToString("N");
            var token = fixture.Client.GetGrain<IApiTokenGrain>(tokenKey);
            await token.Issue("user", "token-id");
            await token.Revoke();
            Assert.Contains(tokenKey, listening.Heard);

            Assert.Equal(generation, await ends.Subscribe(listeningReference));
            Assert.NotEqual(brokenGeneration, await ends.Subscribe(brokenReference));
        }
        finally
        {
            await ends.Unsubscribe(listeningReference);
            await ends.Unsubscribe(brokenReference);
        }
    }

    private sealed class Front(bool fails) : ICredentialEndObserver
    {
        public ConcurrentBag<string> Heard { get; } = [];

        public Task CredentialEnded(string credentialKey)
        {
            if (fails)
            {
                throw new InvalidOperationException("This front is broken.");
            }

            Heard.Add(credentialKey);
            return Task.CompletedTask;
        }
    }
}
