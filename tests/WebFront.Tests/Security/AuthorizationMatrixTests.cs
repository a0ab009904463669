using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Security;

/// <summary>Every document-scoped endpoint against every kind of caller: allowed, 401 for anonymous, 404 (never 403) otherwise.</summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationMatrixTests(LectorAppFixture fixture)
{
    private enum Role
    {
        Anonymous,
        Stranger,
        Admin,
        View,
        Collaborate,
        Share,
        Owner,
    }

    [Fact]
    public async Task Each_endpoint_answers_each_kind_of_caller_as_the_contract_says()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var callers = new Dictionary<Role, HttpClient>
        {
            [Role.Anonymous] = fixture.App.CreateClient(),
            [Role.Stranger] = (await ApiUser.CreateAsync(fixture.App)).Bearer,
            [Role.Admin] = (await AdminAsync()).Bearer,
            [Role.Owner] = owner.Bearer,
        };
        var id = await owner.CreateDocumentAsync("First page of the matrix document.");
        foreach (var role in new[] { Role.View, Role.Collaborate, Role.Share })
        {
            var user = await ApiUser.CreateAsync(fixture.App);
            (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = user.Email, permission = role.ToString().ToLowerInvariant() })).EnsureSuccessStatusCode();
            callers[role] = user.Bearer;
        }

        var audio = await (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = "local:en-us" })).Content.ReadFromJsonAsync<JsonElement>();
        var audioId = audio.GetProperty("id").GetString()!;
        await owner.WaitForAudioAsync(audioId);
        var invitee = await ApiUser.CreateAsync(fixture.App);

        (string Name, Role Minimum, Func<HttpClient, Task<HttpResponseMessage>> Call)[] endpoints =
        [
            ("GET document", Role.View, c => c.GetAsync($"/api/documents/{id}")),
            ("GET pages", Role.View, c => c.GetAsync($"/api/documents/{id}/pages")),
            ("GET page", Role.View, c => c.GetAsync($"/api/documents/{id}/pages/1")),
            ("GET audio", Role.View, c => c.GetAsync($"/api/audio/{audioId}")),
            ("GET audio content", Role.View, c => c.GetAsync($"/api/audio/{audioId}/content")),
            ("PUT page", Role.Collaborate, c => c.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = "First page of the matrix document." })),
            ("POST page audio", Role.Collaborate, c => c.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = "local:en-us" })),
            ("GET exports", Role.View, c => c.GetAsync($"/api/documents/{id}/exports")),
            ("POST export", Role.Collaborate, c => c.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = "local:en-us", format = "mp3" })),
            ("GET feeds", Role.View, c => c.GetAsync($"/api/documents/{id}/feeds")),
            ("POST feed", Role.Collaborate, c => c.PostAsJsonAsync($"/api/documents/{id}/feeds", new { voice = "local:en-us" })),
            ("GET shares", Role.Share, c => c.GetAsync($"/api/documents/{id}/shares")),
            ("POST share", Role.Share, c => c.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = invitee.Email, permission = "view" })),
            ("GET links", Role.Share, c => c.GetAsync($"/api/documents/{id}/links")),
            ("POST link", Role.Share, c => c.PostAsJsonAsync($"/api/documents/{id}/links", new { voice = "local:en-us" })),
            ("DELETE document", Role.Owner, c => c.DeleteAsync($"/api/documents/{id}")),
        ];

        var mismatches = new List<string>();
        foreach (var (name, minimum, call) in endpoints)
        {
            // The owner goes last, so DELETE runs after everyone else was refused.
            foreach (var (role, client) in callers.OrderBy(c => c.Key))
            {
                var response = await call(client);
                var allowed = role >= minimum;
                var ok = allowed
                    ? response.IsSuccessStatusCode
                    : response.StatusCode == (role == Role.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.NotFound);
                if (!ok)
                {
                    mismatches.Add($"{name} as {role}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private async Task<ApiUser> AdminAsync()
    {
        try
        {
            return await ApiUser.CreateAsync(fixture.App, LectorAppFixture.AdminEmail);
        }
        catch (HttpRequestException)
        {
            // Another test registered the admin already; log in instead.
            return await ApiUser.LoginAsync(fixture.App, LectorAppFixture.AdminEmail);
        }
    }
}
