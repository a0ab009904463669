using System.Net.Http.Json;
using System.Text;

namespace Lector.WebFront.Tests.Security;

/// <summary>
/// Random garbage in every path, query and body field: never a server error. Its own host, because
/// its failed sign-ins start this address's login delays.
/// </summary>
public sealed class ValidationFuzzTests : IClassFixture<LectorAppFixture>
{
    private readonly LectorAppFixture fixture;

    public ValidationFuzzTests(LectorAppFixture fixture) => this.fixture = fixture;

    private static readonly string[] Nasty =
    [
        "", " ", "0", "-1", "2147483648", "99999999999999999999", "1e9", "0x10", "1.5", "NaN", "null", "true",
        "%00", "..%2F..%2Fetc%2Fpasswd", "<script>alert(1)</script>", "' OR 1=1 --", "💥", new string('a', 5000), "\u202e", "%E2%82",
    ];

    [Fact]
    public async Task Garbage_in_any_parameter_never_gives_a_500()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("A document to poke at.");
        var random = new Random(20261129);
        var failures = new List<string>();
        var values = Nasty.Concat(Enumerable.Range(0, 20).Select(_ => RandomString(random))).ToList();

        foreach (var value in values)
        {
            var escaped = Uri.EscapeDataString(value);
            var requests = new List<Func<Task<HttpResponseMessage>>>
            {
                () => user.Bearer.GetAsync($"/api/documents?page={escaped}&pageSize={escaped}"),
                () => user.Bearer.GetAsync($"/api/documents/{escaped}"),
                () => user.Bearer.GetAsync($"/api/documents/{id}/pages/{escaped}"),
                () => user.Bearer.GetAsync($"/api/documents/{id}/pages?page={escaped}"),
                () => user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/{escaped}/audio", new { voice = value }),
                () => user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = value }),
                () => user.Bearer.GetAsync($"/api/audio/{escaped}"),
                () => user.Bearer.GetAsync($"/api/voices?language={escaped}&engine={escaped}"),
                () => user.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = value, permission = value }),
                () => user.Bearer.PatchAsJsonAsync($"/api/documents/{id}/shares/{escaped}", new { permission = value }),
                () => user.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = value }),
                () => user.Bearer.PostAsync("/api/documents", new StringContent(value, Encoding.UTF8, "application/json")),
                () => user.Bearer.PostAsJsonAsync("/api/auth/login", new { email = value, password = value }),
                () => user.Bearer.PostAsJsonAsync("/api/tokens", new { name = value }),
                () => user.Bearer.GetAsync($"/api/notifications?page={escaped}"),
            };
            foreach (var send in requests)
            {
                var response = await send();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery[..Math.Min(120, response.RequestMessage.RequestUri.PathAndQuery.Length)]}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string RandomString(Random random)
    {
        var chars = new char[random.Next(1, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(1, 0x2FFF);
        }

        return new string(chars);
    }
}
