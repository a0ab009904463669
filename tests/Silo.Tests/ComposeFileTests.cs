using System.Collections;
using System.Reflection;
using Lector.Blobs;
using Lector.Grains;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Festival;
using Lector.Grains.Speech.Polly;
using Lector.Hosting;
using Lector.Testing;
using Lector.WebFront.Auth;
using Lector.WebFront.Endpoints;
using Lector.WebFront.Limits;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lector.Silo.Tests;

/// <summary>
/// Docker cannot run here, so docker-compose.yml is checked by reading it: the services and images it promises,
/// published ports, health checks, and that every variable given to a Lector container is a setting Lector reads.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] LectorServices = ["silo1", "silo2", "front"];

    /// <summary>Options classes the host binds, by the section constant each declares.</summary>
    private static readonly (string Section, Type Options)[] BoundSections =
    [
        (LectorOptions.Section, typeof(LectorOptions)),
        (HostRoleOptions.Section, typeof(HostRoleOptions)),
        (OrleansHostingOptions.Section, typeof(OrleansHostingOptions)),
        (S3BlobStoreOptions.Section, typeof(S3BlobStoreOptions)),
        (EspeakOptions.Section, typeof(EspeakOptions)),
        (FestivalOptions.Section, typeof(FestivalOptions)),
        (PollyOptions.Section, typeof(PollyOptions)),
        (AuthOptions.Section, typeof(AuthOptions)),
        (UploadOptions.Section, typeof(UploadOptions)),
        (RateLimitOptions.Section, typeof(RateLimitOptions)),
        (TelemetryOptions.Section, typeof(TelemetryOptions)),
    ];

    /// <summary>Keys read one by one rather than through an options class.</summary>
    private static readonly string[] SingleKeys =
    [
        "Blobs:Provider", "Speech:Engines", "Speech:MaxConcurrency", "ConnectionStrings:Postgres",
    ];

    /// <summary>Read by ASP.NET Core (URLs), the AWS SDK's default credential and region chain and OpenTelemetry, not by Lector's binding.</summary>
    private static readonly string[] PlatformVariables = ["ASPNETCORE_URLS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", LectorTelemetry.OtlpEndpointKey];

    private static readonly YamlMappingNode Compose = Load();

    [Fact]
    public void Declares_postgres_minio_two_silos_and_one_front_with_health_checks()
    {
        var services = Services();
        Assert.Equal("postgres:15", Scalar(services["postgres"], "image"));
        Assert.StartsWith("minio/minio", Scalar(services["minio"], "image"), StringComparison.Ordinal);
        foreach (var name in LectorServices)
        {
            Assert.Equal("lector:local", Scalar(services[name], "image"));
            Assert.Equal(".", Scalar(services[name], "build"));
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "Dockerfile")));
        }

        foreach (var name in new[] { "postgres", "minio", "silo1", "silo2", "front" })
        {
            Assert.True(Mapping(services[name]).Children.ContainsKey("healthcheck"), $"{name} has no health check");
        }

        Assert.Equal("silo", Environment(services["silo1"])["App__Role"]);
        Assert.Equal("silo", Environment(services["silo2"])["App__Role"]);
        Assert.Equal("front", Environment(services["front"])["App__Role"]);

        // The front runs its own program, which the image holds beside the silo's entry point.
        Assert.Equal(["dotnet", "Lector.Front.dll"], ((YamlSequenceNode)Mapping(services["front"])["entrypoint"]).Select(n => n.ToString()));
        Assert.False(Mapping(services["silo1"]).Children.ContainsKey("entrypoint"));
        Assert.Contains("dotnet publish src/Front/Front.csproj", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile")), StringComparison.Ordinal);
        Assert.Contains("8080:8080", Ports(services["front"]));
        Assert.Contains("9000:9000", Ports(services["minio"]));
    }

    [Fact]
    public void The_cluster_services_share_postgres_clustering_and_s3_blobs()
    {
        foreach (var name in LectorServices)
        {
            var environment = Environment(Services()[name]);
            Assert.Equal("postgres", environment["Orleans__Membership"]);
            Assert.Equal("s3", environment["Blobs__Provider"]);
            Assert.Contains("Host=postgres", environment["ConnectionStrings__Postgres"], StringComparison.Ordinal);
            Assert.Equal("http://minio:9000", environment["Blobs__S3__ServiceUrl"]);
        }
    }

    [Fact]
    public void Every_lector_service_sends_telemetry_to_the_collector_and_is_scraped_by_prometheus_on_an_unpublished_port()
    {
        var services = Services();
        var collectorConfig = MountedConfig(services["otel-collector"], "/etc/otelcol/config.yaml");
        var otlpGrpc = Scalar(Mapping(Mapping(Mapping(Mapping(collectorConfig["receivers"])["otlp"])["protocols"])["grpc"]), "endpoint")!;
        var pipelines = Mapping(Mapping(collectorConfig["service"])["pipelines"]);
        Assert.All(new[] { "traces", "logs", "metrics" }, signal => Assert.Contains("otlp", Sequence(Mapping(pipelines[signal])["receivers"])));

        var prometheusConfig = MountedConfig(services["prometheus"], "/etc/prometheus/prometheus.yml");
        var job = Assert.Single(((YamlSequenceNode)prometheusConfig["scrape_configs"]).Children.Cast<YamlMappingNode>());
        Assert.Equal(LectorTelemetry.MetricsPath, Scalar(job, "metrics_path"));
        var targets = ((YamlSequenceNode)job["static_configs"]).Children.SelectMany(c => Sequence(Mapping(c)["targets"])).ToHashSet();
        Assert.Contains("127.0.0.1:9090:9090", Ports(services["prometheus"]));

        foreach (var name in LectorServices)
        {
            var environment = Environment(services[name]);
            Assert.Equal($"http://otel-collector:{otlpGrpc.Split(':')[^1]}", environment[LectorTelemetry.OtlpEndpointKey]);
            var metricsPort = new Uri(environment["Telemetry__MetricsUrl"]).Port;
            Assert.Contains($"{name}:{metricsPort}", targets);
            Assert.DoesNotContain(Mapping(services[name]).Children.ContainsKey("ports") ? Ports(services[name]) : [], p => p.EndsWith($":{metricsPort}", StringComparison.Ordinal));
        }

        Assert.Equal(LectorServices.Length, targets.Count);
    }

    [Fact]
    public void Every_environment_variable_of_a_lector_service_is_a_setting_the_app_reads()
    {
        var known = KnownKeys();
        foreach (var name in LectorServices)
        {
            foreach (var variable in Environment(Services()[name]).Keys.Where(v => !PlatformVariables.Contains(v)))
            {
                var key = variable.Replace("__", ":", StringComparison.Ordinal);
                Assert.True(known.Contains(key), $"{name}: {variable} is not a setting Lector reads.");
            }
        }
    }

    [Fact]
    public void The_key_check_itself_rejects_a_misspelt_setting()
    {
        var known = KnownKeys();
        Assert.Contains("Orleans:AdvertisedIp", known);
        Assert.Contains("RateLimits:Audio:Limit", known);
        Assert.DoesNotContain("Orleans:AdvertisedIP:Port", known);
        Assert.DoesNotContain("Blobs:S3:Bukket", known);
    }

    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(SingleKeys, StringComparer.OrdinalIgnoreCase);
        foreach (var (section, options) in BoundSections)
        {
            AddProperties(keys, section, options);
        }

        return keys;
    }

    private static void AddProperties(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && propertyType != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                AddProperties(keys, key, propertyType);
            }
            else
            {
                keys.Add(key);
            }
        }
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        var stream = new YamlStream();

        // Resolves the `<<: *anchor` merges the file uses to share settings between services.
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static IReadOnlyDictionary<string, YamlNode> Services() =>
        Mapping(Compose["services"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Value);

    private static YamlMappingNode Mapping(YamlNode node) => (YamlMappingNode)node;

    private static string? Scalar(YamlNode service, string key) =>
        Mapping(service).Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    private static Dictionary<string, string> Environment(YamlNode service) =>
        Mapping(Mapping(service)["environment"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");

    /// <summary>The repository file a service mounts at <paramref name="containerPath"/>, parsed.</summary>
    private static YamlMappingNode MountedConfig(YamlNode service, string containerPath)
    {
        var mount = Sequence(Mapping(service)["volumes"]).Single(v => v.Split(':')[1] == containerPath);
        var path = Path.Combine(RepositoryPaths.Root, mount.Split(':')[0]);
        Assert.True(File.Exists(path), $"{mount} names a file the repository does not have.");
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static List<string> Sequence(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Select(p => ((YamlScalarNode)p).Value!)];

    private static List<string> Ports(YamlNode service) =>
        [.. ((YamlSequenceNode)Mapping(service)["ports"]).Children.Select(p => ((YamlScalarNode)p).Value!)];
}
