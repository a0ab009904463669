using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.WebFront.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Tests.Json;

/// <summary>Every JSON body an endpoint declares is written and read by generated code, with the options the API promises.</summary>
[Collection(AppCollection.Name)]
public sealed class JsonContractTests(LectorAppFixture fixture)
{
    /// <summary>Bodies that are not JSON objects of ours; refusals are the platform's problem details (ApiProblem only describes them).</summary>
    private static readonly Type[] NotJson = [typeof(Stream), typeof(string), typeof(byte[]), typeof(IFormCollection), typeof(OpenApi.ApiProblem)];

    [Fact]
    public void Every_declared_request_and_answer_body_has_generated_serialization()
    {
        var declared = fixture.App.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.Type)
                .Concat(e.Metadata.OfType<IAcceptsMetadata>().Select(m => m.RequestType)))
            .OfType<Type>()
            .Where(t => t != typeof(void) && !NotJson.Contains(t) && !typeof(IResult).IsAssignableFrom(t))
            .Distinct()
            .ToList();

        Assert.NotEmpty(declared);
        var missing = declared.Where(t => LectorJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, $"Not in {nameof(LectorJsonContext)}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Generated_serialization_writes_what_the_runtime_options_promise()
    {
        var options = fixture.App.App.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var summary = new DocumentSummary("doc-1", "Title", DocumentStatus.Ready, 3, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.Serialize(new Lector.Abstractions.PagedResult<DocumentSummary>([summary], 1, 50, 1), options);

        Assert.Contains(LectorJsonContext.Default, options.TypeInfoResolverChain);
        Assert.Contains("\"status\":\"ready\"", json, StringComparison.Ordinal);
        Assert.Contains("\"pageCount\":3", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_enum_the_contract_writes_is_a_camel_case_string()
    {
        var options = fixture.App.App.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var enums = typeof(LectorJsonContext).GetProperties()
            .Select(p => p.GetValue(LectorJsonContext.Default)).OfType<JsonTypeInfo>()
            .SelectMany(info => info.Properties.Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).Append(info.Type))
            .Where(t => t.IsEnum)
            .Distinct()
            .ToList();

        Assert.Contains(typeof(AudioStatus), enums);
        foreach (var type in enums)
        {
            foreach (var value in Enum.GetValues(type))
            {
                var name = value.ToString()!;
                Assert.Equal($"\"{char.ToLowerInvariant(name[0])}{name[1..]}\"", JsonSerializer.Serialize(value, type, options));
            }
        }
    }
}
