using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Resources;

namespace Lector.WebFront.Tests.Security;

[Collection(AppCollection.Name)]
public sealed class LocalizationTests(LectorAppFixture fixture)
{
    [Theory]
    [InlineData("en-US,en;q=0.9", "Sign-in required.")]
    [InlineData("es-ES,es;q=0.9", "Hay que iniciar sesión.")]
    [InlineData("fr-CH, fr;q=0.9, en;q=0.8", "Connexion requise.")]
    [InlineData("de-DE", "Sign-in required.")]
    [InlineData("en;q=0.5, FR", "Connexion requise.")]
    [InlineData("es;q=0, de", "Sign-in required.")]
    [InlineData("french, es-MX;q=0.3", "Hay que iniciar sesión.")]
    [InlineData("de, fr, es", "Connexion requise.")]
    [InlineData("es-419", "Hay que iniciar sesión.")]
    [InlineData("*", "Sign-in required.")]
    [InlineData("", "Sign-in required.")]
    public async Task Error_titles_follow_Accept_Language_and_the_code_never_changes(string acceptLanguage, string title)
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var problem = await ProblemAssert.IsProblem(await client.SendAsync(request), HttpStatusCode.Unauthorized, "auth.required");

        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_language_has_a_text_for_validation_errors()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var titles = new HashSet<string>();
        foreach (var language in new[] { "en", "es", "fr" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents?page=0");
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            var problem = await ProblemAssert.IsProblem(await user.Bearer.SendAsync(request), HttpStatusCode.BadRequest, "validation");
            titles.Add(problem.GetProperty("title").GetString()!);
        }

        Assert.Equal(3, titles.Count);
    }

    [Fact]
    public void Every_error_text_exists_in_every_language()
    {
        var texts = new ResourceManager("Lector.WebFront.Errors.ErrorTexts", typeof(WebFrontExtensions).Assembly);
        HashSet<string> Keys(string culture) =>
            texts.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!
                .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

        var english = Keys("");

        Assert.Contains("request.malformed_body.title", english);
        Assert.Equal(english.Order(), Keys("es").Order());
        Assert.Equal(english.Order(), Keys("fr").Order());
    }
}
