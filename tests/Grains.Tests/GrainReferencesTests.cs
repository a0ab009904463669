using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Limits;

namespace Lector.Grains.Tests;

/// <summary>References made from kept types are Orleans' own, and reach the same activations.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(LectorClusterFixture fixture)
{
    [Fact]
    public async Task A_reference_made_from_kept_types_equals_orleans_own_and_calls_the_same_activation()
    {
        var key = $"references/{Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++)
        {
            // The first reference of the interface is Orleans' (its types are kept then), the others are made from them.
            var kept = fixture.Client.Grain<IRateLimitGrain>(key);
            var orleans = fixture.Client.GetGrain<IRateLimitGrain>(key);
            Assert.Equal(orleans, kept);
            Assert.Equal(orleans.GetGrainId(), kept.GetGrainId());
        }

        // Both count against one counter: one activation answers both.
        Assert.Equal(1, (await fixture.Client.Grain<IRateLimitGrain>(key).TryAcquire(2, TimeSpan.FromMinutes(1), 1)).Granted);
        Assert.Equal(1, (await fixture.Client.GetGrain<IRateLimitGrain>(key).TryAcquire(2, TimeSpan.FromMinutes(1), 5)).Granted);
        Assert.Equal(0, (await fixture.Client.Grain<IRateLimitGrain>(key).TryAcquire(2, TimeSpan.FromMinutes(1), 1)).Granted);
    }

    [Fact]
    public void Integer_keys_and_other_interfaces_keep_their_own_types()
    {
        Assert.Equal(fixture.Client.GetGrain<IAuditGrain>(0), fixture.Client.Grain<IAuditGrain>(0));
        Assert.Equal(fixture.Client.GetGrain<IAuditGrain>(7), fixture.Client.Grain<IAuditGrain>(7));
        Assert.Equal(fixture.Client.GetGrain<ILibraryGrain>("someone"), fixture.Client.Grain<ILibraryGrain>("someone"));
        Assert.NotEqual(fixture.Client.Grain<ILibraryGrain>("someone").GetGrainId().Type, fixture.Client.Grain<IRateLimitGrain>("someone").GetGrainId().Type);
        Assert.Throws<ArgumentException>(() => fixture.Client.Grain<ILibraryGrain>(" "));
    }
}
