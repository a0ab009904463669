using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lector.Testing;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>
/// <c>/openapi/v1.json</c> against the contract (the tables of API.md and the extensions the README documents) and
/// against the running API: each operation says what it answers, gives its refusals as problem documents, declares
/// the body it reads, and says how to authenticate where an anonymous caller is refused.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class OpenApiDocumentTests(LectorAppFixture fixture)
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>The document describes the API, not itself.</summary>
    private static readonly string[] NotDescribed = ["GET /openapi/v1.json"];

    private static readonly string[] BodyMethods = ["POST", "PUT", "PATCH"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task The_document_lists_every_contract_operation_and_besides_only_documented_extensions()
    {
        var (_, operations) = await ReadDocumentAsync();
        var described = operations.Select(o => o.Key).ToHashSet();
        var contract = ReadContract().Select(o => o.Key).Except(NotDescribed).ToHashSet();
        var extensions = ReadExtensions().Select(o => o.Key).ToHashSet();

        Assert.Empty(contract.Except(described));
        Assert.Empty(described.Except(contract).Except(extensions));
        Assert.NotEmpty(extensions);
    }

    [Fact]
    public async Task Every_operation_declares_its_success_answer_with_a_schema()
    {
        var (document, operations) = await ReadDocumentAsync();

        var gaps = new List<string>();
        foreach (var operation in operations)
        {
            var successes = operation.Responses.EnumerateObject().Where(r => r.Name[0] is '2' or '3').ToList();
            if (successes.Count == 0)
            {
                gaps.Add($"{operation}: no 2xx or 3xx answer");
            }

            foreach (var success in successes)
            {
                var content = Content(success.Value);
                if (success.Name == "204" || success.Name[0] == '3')
                {
                    if (success.Name == "204" && content.Count > 0)
                    {
                        gaps.Add($"{operation}: 204 with content");
                    }
                }
                else if (content.Count == 0)
                {
                    gaps.Add($"{operation}: {success.Name} without content");
                }
                else
                {
                    gaps.AddRange(content.Where(m => !HasSchema(document, m.Value)).Select(m => $"{operation}: {success.Name} {m.Key} without schema"));
                }
            }
        }

        AssertNone(gaps);
    }

    [Fact]
    public async Task Every_refusal_of_the_api_is_a_problem_document_with_a_code()
    {
        var (document, operations) = await ReadDocumentAsync();

        var gaps = new List<string>();
        foreach (var operation in operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var refusal in operation.Responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = Content(refusal.Value);
                if (content.Count != 1 || !content.TryGetValue(ProblemJson, out var problem))
                {
                    gaps.Add($"{operation}: {refusal.Name} is not only {ProblemJson}");
                }
                else if (!Properties(document, problem.GetProperty("schema")).IsSupersetOf(["status", "code", "traceId"]))
                {
                    gaps.Add($"{operation}: {refusal.Name} schema lacks status, code or traceId");
                }
            }
        }

        AssertNone(gaps);
    }

    /// <summary>
    /// Calls every operation without credentials (path values made up, no body): whatever it answers must be documented,
    /// and a 401 must come with the ways to authenticate. Operations that declare a way to authenticate must refuse.
    /// </summary>
    [Fact]
    public async Task Every_answer_to_an_anonymous_call_is_documented_and_401s_say_how_to_authenticate()
    {
        var (_, operations) = await ReadDocumentAsync();
        using var client = fixture.App.CreateClient();

        var gaps = new List<string>();
        var refused = 0;
        foreach (var operation in operations)
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), PathParameter().Replace(operation.Path, "x"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var securedBy = SecuritySchemes(operation);
            if (!operation.Responses.TryGetProperty(status, out var documented))
            {
                gaps.Add($"{operation}: anonymous call answered {status}, which is not documented");
            }
            else if (status[0] is '4' && operation.Path.StartsWith("/api/", StringComparison.Ordinal)
                && response.Content.Headers.ContentType?.MediaType != ProblemJson)
            {
                gaps.Add($"{operation}: anonymous call answered {status} as {response.Content.Headers.ContentType?.MediaType}");
            }
            else if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                refused++;
                if (!Content(documented).ContainsKey(ProblemJson))
                {
                    gaps.Add($"{operation}: 401 is not documented as {ProblemJson}");
                }

                if (!securedBy.IsSupersetOf(["bearer", "session"]))
                {
                    gaps.Add($"{operation}: refuses anonymous calls but names no bearer token and session cookie");
                }
            }
            else if (securedBy.Count > 0 && (int)response.StatusCode < 400)
            {
                gaps.Add($"{operation}: names ways to authenticate but answered an anonymous call {status}");
            }
        }

        AssertNone(gaps);
        Assert.True(refused > 0, "no operation refused an anonymous call, so none was checked for 401");
    }

    [Fact]
    public async Task Every_request_body_is_declared_with_the_fields_of_the_contract()
    {
        var (document, operations) = await ReadDocumentAsync();
        var byKey = operations.ToDictionary(o => o.Key);
        var contract = ReadContract().Concat(ReadExtensions()).ToList();
        var bodiless = contract.Where(o => o.Bodiless).Select(o => o.Key).ToHashSet();

        var gaps = new List<string>();
        foreach (var expected in contract.Where(o => byKey.ContainsKey(o.Key)))
        {
            var body = RequestBody(byKey[expected.Key]);
            gaps.AddRange(MissingFields(document, body, "application/json", expected.JsonFields).Select(f => $"{expected.Key}: JSON body lacks {f}"));
            gaps.AddRange(MissingFields(document, body, "multipart/form-data", expected.FormFields).Select(f => $"{expected.Key}: form lacks {f}"));
        }

        foreach (var operation in operations.Where(o => BodyMethods.Contains(o.Method)))
        {
            var body = RequestBody(operation);
            if (body.Count == 0 && !bodiless.Contains(operation.Key))
            {
                gaps.Add($"{operation}: declares no request body, and the contract gives it one (or does not say it has none)");
            }

            gaps.AddRange(body.Where(m => !HasSchema(document, m.Value)).Select(m => $"{operation}: {m.Key} body without schema"));
        }

        AssertNone(gaps);
        Assert.Contains(contract, o => o.FormFields.Count > 0);
    }

    [Fact]
    public async Task Every_operation_has_its_own_operation_id()
    {
        var (_, operations) = await ReadDocumentAsync();

        var ids = operations.Select(o => o.Element.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();

        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>Fails with every gap, one a line (xunit would shorten a collection).</summary>
    private static void AssertNone(List<string> gaps) => Assert.True(gaps.Count == 0, string.Join(Environment.NewLine, gaps));

    private async Task<(JsonElement Document, List<Operation> Operations)> ReadDocumentAsync()
    {
        using var client = fixture.App.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(o => Methods.Contains(o.Name.ToUpperInvariant()))
                .Select(o => new Operation(o.Name.ToUpperInvariant(), path.Name, o.Value)))
            .ToList();
        Assert.NotEmpty(operations);
        return (document, operations);
    }

    /// <summary>Schema by media type of a response or request body.</summary>
    private static Dictionary<string, JsonElement> Content(JsonElement responseOrBody) =>
        responseOrBody.TryGetProperty("content", out var content) ? content.EnumerateObject().ToDictionary(m => m.Name, m => m.Value) : [];

    private static Dictionary<string, JsonElement> RequestBody(Operation operation) =>
        operation.Element.TryGetProperty("requestBody", out var body) ? Content(body) : [];

    private static HashSet<string> SecuritySchemes(Operation operation) =>
        operation.Element.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToHashSet()
            : [];

    private static IEnumerable<string> MissingFields(JsonElement document, Dictionary<string, JsonElement> body, string mediaType, IReadOnlyList<string> fields) =>
        fields.Count == 0 ? []
        : body.TryGetValue(mediaType, out var media) ? fields.Except(Properties(document, media.GetProperty("schema")))
        : [$"the whole {mediaType} body"];

    private static bool HasSchema(JsonElement document, JsonElement media) =>
        media.TryGetProperty("schema", out var schema)
        && Resolve(document, schema) is var resolved
        && (resolved.TryGetProperty("type", out _) || resolved.TryGetProperty("properties", out _) || resolved.TryGetProperty("enum", out _));

    private static HashSet<string> Properties(JsonElement document, JsonElement schema) =>
        Resolve(document, schema).TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet()
            : [];

    /// <summary>The schema a reference names; for a nullable one (<c>oneOf: [{type: null}, ...]</c>), its other alternative.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("oneOf", out var alternatives))
        {
            schema = alternatives.EnumerateArray().First(a => !(a.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null"));
        }

        return schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
    }

    /// <summary>
    /// The operations of the HTTP contract (API.md's tables): method, path and what the body column says, one per line
    /// in <c>ContractOperations.tsv</c>, kept in the repository so the test needs nothing outside it. A contract
    /// change changes that list.
    /// </summary>
    private static IEnumerable<ContractOperation> ReadContract() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Endpoints", "ContractOperations.tsv"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(cells => ContractOperation.Of(cells[0], cells[1], cells[2], bodiless: cells[2] == "-"));

    /// <summary>The operations the README names among Lector's extensions of the contract, e.g. <c>`POST /api/notifications/read {ids?}`</c>.</summary>
    private static IEnumerable<ContractOperation> ReadExtensions()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("Extensions (", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md lists no contract extensions");
        var section = readme[start..readme.IndexOf("\n## ", start, StringComparison.Ordinal)];
        foreach (Match named in ExtensionOperation().Matches(section))
        {
            var body = named.Groups["body"].Value;
            foreach (var method in named.Groups["methods"].Value.Split('/'))
            {
                yield return ContractOperation.Of(method, named.Groups["path"].Value, BodyMethods.Contains(method) ? body : "", bodiless: body.Length == 0);
            }
        }
    }

    private static string Normalize(string path) => PathParameter().Replace(path, "{}");

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"`(?<methods>(?:GET|POST|PUT|PATCH|DELETE)(?:/(?:GET|POST|PUT|PATCH|DELETE))*) (?<path>/[^\s`?]*)[^\s`]*(?: (?<body>\{[^`]*\}))?`")]
    private static partial Regex ExtensionOperation();

    /// <summary><c>{email, password, displayName?}</c>: the names, without the optional mark.</summary>
    [GeneratedRegex(@"\{(?<fields>[^{}]*)\}")]
    private static partial Regex JsonObjectFields();

    [GeneratedRegex(@"`(?<field>\w+)\??`")]
    private static partial Regex FormField();

    private sealed record Operation(string Method, string Path, JsonElement Element)
    {
        public string Key => $"{Method} {Normalize(Path)}";

        public JsonElement Responses => Element.GetProperty("responses");

        public override string ToString() => $"{Method} {Path}";
    }

    /// <param name="JsonFields">The fields of the JSON body the contract names.</param>
    /// <param name="FormFields">The fields of the multipart form the contract names.</param>
    /// <param name="Bodiless">The contract says the operation reads no body.</param>
    private sealed record ContractOperation(string Key, IReadOnlyList<string> JsonFields, IReadOnlyList<string> FormFields, bool Bodiless)
    {
        public static ContractOperation Of(string method, string path, string body, bool bodiless)
        {
            // "multipart `file` (+ `title?`), or JSON `{title, text}`, or JSON `{url, title?}`": the form's fields come
            // before "JSON"; the JSON body's are those of every shape it may take.
            var form = body.Contains("multipart", StringComparison.Ordinal) ? body.Split("JSON")[0] : "";
            var json = JsonObjectFields().Matches(body[form.Length..]);
            return new ContractOperation(
                $"{method} {Normalize(path)}",
                [.. json.SelectMany(shape => shape.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(f => f.TrimEnd('?')).Distinct()],
                FormField().Matches(form).Select(m => m.Groups["field"].Value).ToList(),
                bodiless);
        }
    }
}
