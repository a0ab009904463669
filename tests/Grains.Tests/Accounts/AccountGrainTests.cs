using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Notifications;
using Lector.Grains.Accounts;
using Lector.Grains.Tests.Collections;

namespace Lector.Grains.Tests.Accounts;

/// <summary>The collections cluster, for writing an account as a Lector from before skeletons left it.</summary>
[Collection(CollectionClusterCollection.Name)]
public sealed class AccountGrainTests(CollectionClusterFixture fixture)
{
    [Fact]
    public async Task Registering_a_taken_address_changes_nothing_and_tells_its_holder_once_however_often_it_is_tried()
    {
        var holder = await TestAccounts.RegisterAsync(fixture.Client, "Holder");
        var account = fixture.Client.GetGrain<IAccountGrain>(holder.Email);

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await account.Register(holder.Email, $"another password {i}", "Impostor"));
        }

        Assert.Equal(holder.Id, (await account.SignIn(TestAccounts.Password, "192.0.2.1")).UserId);
        Assert.Null((await account.SignIn("another password 0", "192.0.2.1")).UserId);
        Assert.Equal(holder, await fixture.Client.GetGrain<IUserGrain>(holder.Id).GetProfile());
        var notice = Assert.Single((await fixture.Client.GetGrain<INotificationInboxGrain>(holder.Id).List(new PageRequest(1, 10))).Items);
        Assert.Equal(AccountGrain.RegistrationAttemptKind, notice.Kind);
        Assert.Equal("3", notice.Data["count"]);
    }

    [Fact]
    public async Task An_address_that_looks_like_an_account_s_is_refused_whichever_was_registered_first()
    {
        var unique = Guid.NewGuid().ToString("N");
        var latin = await TestAccounts.RegisterAsync(fixture.Client, $"paypal-{unique}@example.test", "Latin");
        await AssertConfusableAsync($"pаypal-{unique}@example.test"); // Cyrillic а
        await AssertConfusableAsync($"paypal-{unique}@ехample.test"); // Cyrillic е and х

        // The look-alike came first: the plain address is refused, and so is another look-alike.
        await TestAccounts.RegisterAsync(fixture.Client, $"gооgle-{unique}@example.test", "Cyrillic"); // Cyrillic о о
        await AssertConfusableAsync($"google-{unique}@example.test");
        await AssertConfusableAsync($"gοogle-{unique}@example.test"); // Greek ο

        Assert.NotNull(latin);
        Assert.Null(await fixture.Client.GetGrain<IAccountGrain>($"pаypal-{unique}@example.test").GetUserId());
    }

    [Fact]
    public async Task A_look_alike_of_an_account_from_before_skeletons_were_kept_is_refused()
    {
        var plain = $"legacy-{Guid.NewGuid():N}@example.test";
        await fixture.WriteGrainStateAsync(fixture.Client.GetGrain<IAccountGrain>(plain), "account", new AccountState { UserId = "legacy-user" });

        await AssertConfusableAsync(plain.Replace("a", "а", StringComparison.Ordinal)); // every a Cyrillic
    }

    [Fact]
    public async Task An_address_must_be_registered_in_its_normalized_form_under_its_own_key()
    {
        var upper = $"UPPER-{Guid.NewGuid():N}@example.test";

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.GetGrain<IAccountGrain>(upper).Register(upper, TestAccounts.Password, "Upper"));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.GetGrain<IAccountGrain>("someone@example.test").Register(upper.ToLowerInvariant(), TestAccounts.Password, "Other"));
    }

    private async Task AssertConfusableAsync(string email)
    {
        var refused = await Assert.ThrowsAsync<LectorException>(() => fixture.Client.GetGrain<IAccountGrain>(email).Register(email, TestAccounts.Password, "Look-alike"));
        Assert.Equal("auth.email_confusable", refused.Code);
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
    }
}
