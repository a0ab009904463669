using System.Net;
using Lector.ApiClient;
using Lector.ApiClient.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>
/// The client Kiota generates from the OpenAPI document (tests/ApiClient, made by scripts/update-api-client from the
/// snapshot that <see cref="OpenApiSnapshotTests"/> holds to the served document) drives the API as a real client would.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GeneratedClientTests(LectorAppFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task A_generated_client_signs_in_uploads_asks_for_page_audio_and_downloads_it()
    {
        var email = (await ApiUser.CreateAsync(fixture.App)).Email;
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var client = new LectorApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = fixture.App.BaseAddress.ToString().TrimEnd('/'),
        });

        var session = await client.Api.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = ApiUser.Password });
        http.DefaultRequestHeaders.Add("X-CSRF-Token", session!.CsrfToken);
        var accepted = await client.Api.Documents.PostAsync(new CreateDocumentRequest { Title = "Generated client", Text = "Read aloud by a generated client." });
        var document = client.Api.Documents[accepted!.Id];
        await EventuallyAsync(async () => (await document.GetAsync())!.Status == DocumentStatus.Ready, "the document to be ready");
        var audio = await document.Pages["1"].Audio.PostAsync(new AudioRequest { Voice = Voice });
        await EventuallyAsync(async () => (await client.Api.Audio[audio!.Id].GetAsync())!.Status == AudioStatus.Completed, "the page's audio");
        await using var content = await client.Api.Audio[audio!.Id].Content.GetAsync(c => c.QueryParameters.Download = true);
        using var bytes = new MemoryStream();
        await content!.CopyToAsync(bytes);

        Assert.Equal(email, session.Email);
        Assert.True(Mp3Frames.DurationSeconds(bytes.ToArray()) > 0.5, $"{bytes.Length} bytes of audio");
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing after a minute.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
