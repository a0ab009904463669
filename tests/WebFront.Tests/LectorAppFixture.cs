using Lector.Testing;

namespace Lector.WebFront.Tests;

/// <summary>One running Lector host shared by the HTTP tests; each test registers its own users.</summary>
public sealed class LectorAppFixture : IAsyncLifetime
{
    public LectorApp App { get; private set; } = null!;

    public const string AdminEmail = "admin@lector.test";

    public async Task InitializeAsync() => App = await LectorApp.StartAsync($"--Auth:AdminEmails={AdminEmail}");

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<LectorAppFixture>
{
    public const string Name = "app";
}
