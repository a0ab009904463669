using System.Text.Json;
using System.Text.Json.Nodes;
using Lector.Testing;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>
/// The committed tests/ApiClient/openapi.json, which the generated client in tests/ApiClient is made from, is the
/// document the API serves: a change to the API shows up here until <c>scripts/update-api-client</c> has been run.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiSnapshotTests(LectorAppFixture fixture)
{
    /// <summary>Set to 1 by scripts/update-api-client: the test writes the snapshot instead of comparing.</summary>
    private const string UpdateVariable = "LECTOR_UPDATE_API_SNAPSHOT";

    private static readonly string Snapshot = Path.Combine(RepositoryPaths.Root, "tests", "ApiClient", "openapi.json");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    [Fact]
    public async Task The_committed_snapshot_is_the_served_document()
    {
        using var client = fixture.App.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.ToJsonString(Indented) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(Snapshot, served);
        }

        Assert.True(
            File.Exists(Snapshot) && await File.ReadAllTextAsync(Snapshot) == served,
            $"{Snapshot} is not the served document: run scripts/update-api-client and commit what it changes.");
    }
}
