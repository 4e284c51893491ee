using System.Data.Common;
using Azure.Data.Tables;
using Conversations.Accounts;
using Conversations.Activities;
using Conversations.Attachments;
using Conversations.Channels;
using Conversations.Customers;
using Conversations.Hosting;
using Conversations.Outbound;
using Conversations.Reporting;
using Conversations.Security;
using Conversations.Serialization;
using Conversations.Silo.Storage;
using Conversations.Silo.Storage.Postgres;
using Conversations.Storage;
using Conversations.Telemetry;
using Conversations.Timing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Conversations.Silo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Room for every statement of the hot paths, with a margin: Npgsql evicts the least used beyond it.</summary>
    private const int AutoPreparedStatements = 64;

    /// <summary>
    /// Services every profile needs: time, outbound delivery to connectors and redelivery of lost deliveries,
    /// accounts and the keys shared with the gateway.
    /// </summary>
    public static ISiloBuilder AddConversationsCore(this ISiloBuilder silo)
    {
        silo.Services.AddDomainSerialization();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.AddConversationsMetrics();
        silo.Services.AddOptions<OutboundDeliveryOptions>().BindConfiguration("OutboundDelivery");
        // HttpClient's own logs would name the webhook URL, which often carries the connector's secret.
        silo.Services.AddHttpClient(nameof(OutboundDelivery)).RemoveAllLoggers();
        silo.Services.AddOptions<ProviderApiOptions>().BindConfiguration(ProviderApiOptions.Section);
        silo.Services.TryAddSingleton<MediaLinks>();
        silo.Services.AddSingleton<AttachmentLinks>();
        silo.Services.AddSingleton<IConnectorTransport, WebhookTransport>();
        silo.Services.AddSingleton<IConnectorTransport, TwilioTransport>();
        silo.Services.AddSingleton<IConnectorTransport, WhatsAppCloudTransport>();
        silo.Services.AddSingleton<IConnectorTransport, WebChatTransport>();
        silo.Services.TryAddSingleton<OutboundDelivery>();
        silo.Services.TryAddSingleton<IOutboundDispatcher>(sp => sp.GetRequiredService<OutboundDelivery>());
        silo.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OutboundDelivery>());
        silo.Services.AddSingleton<LoggedMessageHandOver>();
        silo.Services.AddSingleton<DeliveryRecorder>();
        silo.Services.AddHostedService<OutboundRedelivery>();
        silo.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        silo.Services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AdminBootstrap>();
        silo.Services.TryAddSingleton(sp => SecurityKeys.FromMasterKey(sp.GetRequiredService<IConfiguration>()[SecurityKeys.MasterKeySetting]));
        silo.Services.TryAddSingleton<SecretBox>();
        silo.Services.TryAddSingleton<ConnectorSecrets>();
        return silo;
    }

    /// <summary>The development profile's stores: all in memory, nothing to install.</summary>
    public static ISiloBuilder AddConversationsInMemoryStores(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.GrainState);
        silo.Services.AddCompactGrainStateJson();
        silo.UseInMemoryReminderService();
        silo.Services.AddSingleton<InMemoryActivityLog>();
        silo.Services.AddSingleton<IActivityLog>(sp => sp.GetRequiredService<InMemoryActivityLog>());
        silo.Services.AddSingleton<InMemoryReportingStore>();
        silo.Services.AddSingleton<IReportingStore>(sp => sp.GetRequiredService<InMemoryReportingStore>());
        silo.Services.AddSingleton<IUploadStore, InMemoryUploadStore>();
        return silo.AddGrainServices<InMemoryWakeUpBook>();
    }

    /// <summary>
    /// The production profile's stores: PostgreSQL (schema migrated at silo start) for membership,
    /// reminders, the activity log and reports; grain state in Azure Table Storage or, when chosen,
    /// PostgreSQL. Endpoints are not set here, so a test cluster can bring its own.
    /// </summary>
    public static ISiloBuilder AddConversationsProductionStores(this ISiloBuilder silo, ProductionStoreOptions options)
    {
        RegisterNpgsqlFactory();
        var postgres = Tuned(options.PostgresConnectionString);

        // Named, so its metrics are labelled with this name rather than the connection string.
        silo.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(postgres) { Name = "conversations" }.Build());
        silo.Services.AddSingleton<PostgresSchema>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaMigration>();

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = ProductionStoreOptions.AdoNetInvariant;
            o.ConnectionString = postgres;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = ProductionStoreOptions.AdoNetInvariant;
            o.ConnectionString = postgres;
        });

        silo.Services.AddCompactGrainStateJson();
        switch (options.GrainState)
        {
            case GrainStateStore.AzureTable:
                var azure = options.AzureStorageConnectionString
                    ?? throw new InvalidOperationException("Azure Table grain state needs an Azure Storage connection string.");
                silo.AddAzureTableGrainStorage(MintedKeyGrainStorage.StoreName, o =>
                {
                    o.TableServiceClient = new TableServiceClient(azure);
                    o.TableName = options.GrainStateTable;
                });
                break;
            case GrainStateStore.Postgres:
                silo.Services.AddGrainStorage(MintedKeyGrainStorage.StoreName, (sp, name) => new PostgresGrainStorage(
                    name,
                    sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                    sp.GetRequiredService<NpgsqlDataSource>(),
                    sp.GetKeyedService<IGrainStorageSerializer>(name) ?? sp.GetRequiredService<IGrainStorageSerializer>(),
                    sp.GetRequiredService<ILogger<PostgresGrainStorage>>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown grain state store {options.GrainState}.");
        }

        // Either store skips the read of a grain whose key was just minted here; in memory, reads cost nothing to skip.
        silo.Services.AddSingleton(sp => new NewGrainKeys(sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddGrainStorage(StorageNames.GrainState, (sp, _) => new MintedKeyGrainStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(MintedKeyGrainStorage.StoreName), sp.GetRequiredService<NewGrainKeys>()));

        silo.Services.AddSingleton<PostgresActivityLog>();
        silo.Services.AddSingleton<IActivityLog>(sp => sp.GetRequiredService<PostgresActivityLog>());
        silo.Services.AddSingleton<PostgresReportingStore>();
        silo.Services.AddSingleton<IReportingStore>(sp => sp.GetRequiredService<PostgresReportingStore>());
        silo.Services.AddSingleton<IUploadStore, PostgresUploadStore>();
        return silo.AddGrainServices<PostgresWakeUpBook>();
    }

    /// <summary>
    /// What grains rely on in every profile: the profile's wake-up book with the poller that reads it on every
    /// silo, and what this silo knows of channels, controller settings and customers' identities.
    /// </summary>
    private static ISiloBuilder AddGrainServices<TBook>(this ISiloBuilder silo)
        where TBook : class, IWakeUpBook
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.AddConversationsMetrics();
        silo.Services.AddSingleton<ChannelDirectory>();
        silo.Services.AddSingleton<ControllerSettingsCopy>();
        silo.Services.AddSingleton<KnownIdentities>();
        silo.Services.TryAddSingleton(NewGrainKeys.None);
        silo.Services.AddOptions<WakeUpOptions>().BindConfiguration(WakeUpOptions.Section);
        silo.Services.AddSingleton<IWakeUpBook, TBook>();
        silo.Services.AddHostedService<WakeUpPoller>();
        return silo;
    }

    /// <summary>This silo's <see cref="ConversationsMetrics"/>, which grains and delivery record to.</summary>
    private static void AddConversationsMetrics(this ISiloBuilder silo)
    {
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<ConversationsMetrics>();
    }

    /// <summary>
    /// The ADO.NET providers look the "Npgsql" invariant up in DbProviderFactories before trying to load
    /// the assembly by name; registering the factory makes that lookup succeed however the app is trimmed or loaded.
    /// </summary>
    public static void RegisterNpgsqlFactory() =>
        DbProviderFactories.RegisterFactory(ProductionStoreOptions.AdoNetInvariant, NpgsqlFactory.Instance);

    /// <summary>
    /// Our connections leave no session state behind (the schema's advisory lock is released in a finally), so one going
    /// back to the pool needs no DISCARD ALL; PostgreSQL counts each as a transaction, about two per inbound message.
    /// And the few statements every message and conversation runs (grain state, activity log, wake-up book) are prepared
    /// once per connection instead of parsed and planned on each call, unless the connection string says otherwise.
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        // An explicit "Max Auto Prepare=0" stays: behind a transaction-pooling PgBouncer prepared statements break.
        if (!new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
                .Any(key => key.Replace(" ", string.Empty, StringComparison.Ordinal).Equals(nameof(builder.MaxAutoPrepare), StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.ConnectionString;
    }
}
