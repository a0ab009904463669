using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class SharingEndpointsTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task A_shared_document_appears_in_shared_with_me_with_owner_and_permission_and_the_reader_is_notified()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var reader = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("Words worth sharing.", "Shared doc");

        var share = await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = reader.Email, permission = "view" });

        Assert.Equal(HttpStatusCode.Created, share.StatusCode);
        var shared = await reader.Bearer.GetFromJsonAsync<JsonElement>("/api/shared-with-me");
        var item = Assert.Single(shared.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal("view", item.GetProperty("permission").GetString());
        Assert.Equal(owner.Id, item.GetProperty("owner").GetProperty("id").GetString());
        var notifications = await reader.Bearer.GetFromJsonAsync<JsonElement>("/api/notifications");
        var notification = Assert.Single(notifications.GetProperty("items").EnumerateArray());
        Assert.Equal("document.shared", notification.GetProperty("kind").GetString());
        Assert.False(notification.GetProperty("read").GetBoolean());
        var document = await reader.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        Assert.Equal("view", document.GetProperty("permission").GetString());
        Assert.Equal(0, (await reader.Bearer.GetFromJsonAsync<JsonElement>("/api/documents")).GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Permissions_change_and_revocation_take_effect_and_a_sharer_never_grants_more_than_it_has_nor_touches_the_owner_s_grants()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var sharer = await ApiUser.CreateAsync(fixture.App);
        var friend = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("Text for a chain of shares.");
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = sharer.Email, permission = "share" })).EnsureSuccessStatusCode();

        var viewer = await ApiUser.CreateAsync(fixture.App);
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = viewer.Email, permission = "view" })).EnsureSuccessStatusCode();
        var ownersGrant = await sharer.Bearer.DeleteAsync($"/api/documents/{id}/shares/{viewer.Id}");
        var refused = await ProblemAssert.IsProblem(ownersGrant, HttpStatusCode.BadRequest, "validation");
        Assert.Equal("share.granted_by_other", refused.GetProperty("errors").GetProperty("userId")[0].GetString());

        var tooMuch = await sharer.Bearer.PatchAsJsonAsync($"/api/documents/{id}/shares/{owner.Id}", new { permission = "view" });
        var passOn = await sharer.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = friend.Email, permission = "collaborate" });
        var upgrade = await sharer.Bearer.PatchAsJsonAsync($"/api/documents/{id}/shares/{friend.Id}", new { permission = "view" });
        await ProblemAssert.IsProblem(tooMuch, HttpStatusCode.NotFound, "share.not_found");
        Assert.Equal(HttpStatusCode.Created, passOn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upgrade.StatusCode);

        // Viewers cannot edit; after the downgrade the friend is a viewer.
        await ProblemAssert.IsProblem(await friend.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = "Edited." }), HttpStatusCode.NotFound, "document.not_found");

        await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}/shares/{sharer.Id}", new { permission = "collaborate" });
        var grantShare = await sharer.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = friend.Email, permission = "share" });
        await ProblemAssert.IsProblem(grantShare, HttpStatusCode.NotFound, "document.not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Bearer.DeleteAsync($"/api/documents/{id}/shares/{friend.Id}")).StatusCode);
        await ProblemAssert.IsProblem(await friend.Bearer.GetAsync($"/api/documents/{id}"), HttpStatusCode.NotFound, "document.not_found");
        Assert.Equal(0, (await friend.Bearer.GetFromJsonAsync<JsonElement>("/api/shared-with-me")).GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Sharing_input_is_validated()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("Text.");

        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = "x", permission = "view" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = owner.Email, permission = "owner" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = owner.Email, permission = "view" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = "nobody@example.test", permission = "view" }), HttpStatusCode.NotFound, "share.user_not_found");
    }
}
