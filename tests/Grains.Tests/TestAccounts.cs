using Lector.Abstractions.Accounts;

namespace Lector.Grains.Tests;

/// <summary>Accounts made through the account grain itself, each with a fresh address.</summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery";

    public static Task<UserProfile> RegisterAsync(IClusterClient client, string displayName) =>
        RegisterAsync(client, $"{Guid.NewGuid():N}@example.test", displayName);

    /// <summary>Registers <paramref name="email"/> (normalized already), which must be new.</summary>
    public static async Task<UserProfile> RegisterAsync(IClusterClient client, string email, string displayName) =>
        await client.GetGrain<IAccountGrain>(email).Register(email, Password, displayName)
            ?? throw new InvalidOperationException($"{email} has an account already.");
}
