using Lector.Abstractions;
using Lector.Blobs;
using Lector.Grains;
using Lector.Grains.Audio;
using Lector.Grains.Audit;
using Lector.Grains.Collections;
using Lector.Grains.Exports;
using Lector.Grains.Import;
using Lector.Grains.Lifecycle;
using Lector.Grains.Notifications;
using Lector.Grains.Outbound;
using Lector.Grains.Podcasts;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Festival;
using Lector.Grains.Speech.Normalization;
using Lector.Grains.Speech.Polly;
using Lector.Grains.Storage;
using Lector.Grains.Work;
using Lector.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Lector.Silo;

public static class SiloConfiguration
{
    /// <summary>
    /// Everything a silo needs besides clustering: grain storage, the adapters grains use, start-up
    /// migrations and the resumption of unfinished work. Shared by the host and the grain tests.
    /// </summary>
    public static ISiloBuilder AddLectorGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.Configure<LectorOptions>(configuration.GetSection(LectorOptions.Section));
        services.Configure<DocumentAudioOptions>(configuration.GetSection(DocumentAudioOptions.Section));
        services.AddOptions<SpeechRetryOptions>().Bind(configuration.GetSection(SpeechRetryOptions.Section))
            .Validate(o => o.IsValid(), SpeechRetryOptions.Requirements)
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher<Grains.Accounts.AccountState>, PasswordHasher<Grains.Accounts.AccountState>>();
        services.AddSingleton<PendingWork>();
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<HostAddresses>();
        services.AddSingleton<OutboundAddressPolicy>();
        services.AddSingleton<WebhookSender>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section))
            .Validate(o => o.IsValid(), ImportOptions.Requirements)
            .ValidateOnStart();
        services.AddSingleton<IArticleFetcher, HttpArticleFetcher>();
        services.Configure<AudioLifecycleOptions>(configuration.GetSection(AudioLifecycleOptions.Section));
        services.Configure<ReconcilerOptions>(configuration.GetSection(ReconcilerOptions.Section));

        // Retention settings come from the admin settings grain, so a change applies on every silo.
        services.AddSingleton<Grains.Admin.SiloSettings>();
        services.AddSingleton<IAudioLifecycleSettings, SettingsGrainAudioLifecycleSettings>();
        services.AddSingleton<AudioRetentionSweep>();
        services.AddSingleton<IAudioRecords, SqlAudioRecords>();
        services.AddSingleton<IDocumentRecords, SqlDocumentRecords>();
        services.AddSingleton<Grains.Audio.PageRenderer>();
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidation>();
        services.AddSingleton<IAudioBookEncoder, FfmpegAudioBookEncoder>();
        services.AddSingleton<ExportBuilder>();
        services.AddOptions<PodcastOptions>().Bind(configuration.GetSection(PodcastOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PodcastOptions>, PodcastOptionsValidation>();
        services.AddSingleton<PodcastEpisodeBuilder>();
        services.AddLectorBlobStore(configuration);
        AddSpeechEngines(services, configuration);
        services.AddSpeechNormalization();

        var database = GrainStateDatabaseFrom(configuration);
        services.AddSingleton(database);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StorageMigration>();
        services.AddSingleton(AuditStoreIn(database));
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.IsValid(), $"{AuditOptions.Section}:{nameof(AuditOptions.RefusalWindow)} must be from 00:00:01 to 1.00:00:00 and {AuditOptions.Section}:{nameof(AuditOptions.RefusalBudget)} at least 1.")
            .ValidateOnStart();

        // Collection rows are grain state in another shape, so like grain state they belong to the service.
        services.AddSingleton<ICollectionStore>(sp =>
            new DatabaseCollectionStore(database, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        silo.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = database.Invariant;
            options.DataSource = database.Connections;
            options.GrainStorageSerializer = new JsonGrainStateSerializer();
        });
        DefaultGrainStorage.Decorate(services, (provider, storage) => new OutageAwareGrainStorage(storage, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<OutageAwareGrainStorage>>()));

        // A stopping silo hands activations to the others (live migration): their state travels as it is stored.
        services.AddSerializer(serializer => serializer.AddPersistedStateCodec());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ShutdownHandoverReport>();

        silo.AddIncomingGrainCallFilter<StorageOutageCallFilter>();
        AddReminders(silo, configuration, database);
        services.AddHostedService<PendingWorkResumer>();
        services.AddHostedService<LifecycleTimers>();
        return silo;
    }

    /// <summary>SQLite under the data directory in embedded mode; PostgreSQL (<c>ConnectionStrings:Postgres</c>) in a cluster.</summary>
    public static GrainStateDatabase GrainStateDatabaseFrom(IConfiguration configuration)
    {
        if (OrleansHostingOptions.From(configuration).UsesPostgres)
        {
            return new PostgresDatabase(OrleansHostingOptions.PostgresConnectionString(configuration));
        }

        var dataDirectory = configuration[$"{LectorOptions.Section}:{nameof(LectorOptions.DataDirectory)}"] ?? new LectorOptions().DataDirectory;
        return new SqliteDatabase(dataDirectory);
    }

    /// <summary>The audit log lives in the grain state database, so its table comes with that database's migrations.</summary>
    private static IAuditStore AuditStoreIn(GrainStateDatabase database) => database switch
    {
        PostgresDatabase postgres => new PostgresAuditStore(postgres),
        SqliteDatabase sqlite => new SqliteAuditStore(sqlite),
        _ => throw new InvalidOperationException($"No audit store for {database.GetType().Name}."),
    };

    /// <summary>
    /// Durable reminders in the cluster database, so a shard's sweep outlives the silo that registered it;
    /// in memory in embedded mode, where the start-up scan covers restarts.
    /// </summary>
    private static void AddReminders(ISiloBuilder silo, IConfiguration configuration, GrainStateDatabase database)
    {
        if (database is PostgresDatabase)
        {
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = database.Invariant;
                options.ConnectionString = database.ConnectionString;
            });
        }
        else
        {
            silo.UseInMemoryReminderService();
        }

        var sweep = configuration.GetSection(LectorOptions.Section).Get<LectorOptions>()?.PendingWorkSweepPeriod ?? new LectorOptions().PendingWorkSweepPeriod;
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = sweep < o.MinimumReminderPeriod ? sweep : o.MinimumReminderPeriod);
    }

    private static void AddSpeechEngines(IServiceCollection services, IConfiguration configuration)
    {
        // Festival offers its voices only where it is installed, so it is configured by default everywhere.
        var engines = (configuration["Speech:Engines"] ?? "local,festival").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var engine in engines)
        {
            switch (engine)
            {
                case "local":
                    AddLocalEngine<EspeakEngine, EspeakOptions>(services, EspeakOptions.Section);
                    break;
                case "festival":
                    AddLocalEngine<FestivalEngine, FestivalOptions>(services, FestivalOptions.Section);
                    break;
                case "polly":
                    services.AddPollyEngine(configuration);
                    break;
                default:
                    throw new SettingException($"Speech:Engines names '{engine}', which is not an engine; use 'local', 'festival' or 'polly'.");
            }
        }

        var concurrency = configuration.GetValue("Speech:MaxConcurrency", Environment.ProcessorCount);
        services.AddSingleton(new SpeechConcurrency(Math.Max(1, concurrency)));
        services.AddSingleton<SpeechEngines>();
    }

    /// <summary>An engine that runs a program on this machine, its settings bound and checked when the host starts.</summary>
    private static void AddLocalEngine<TEngine, TOptions>(IServiceCollection services, string section)
        where TEngine : class, ISpeechEngine
        where TOptions : LocalEngineOptions
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, LocalEngineOptionsValidation<TOptions>>();
        services.AddSingleton<ISpeechEngine, TEngine>();
    }

    /// <summary>Applies the storage and audit schema before the storage provider reads its queries or any grain records.</summary>
    private sealed class StorageMigration(GrainStateDatabase database) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(StorageMigration), ServiceLifecycleStage.RuntimeInitialize - 1, database.MigrateAsync);
    }
}
