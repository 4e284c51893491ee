using Conversations.Activities;
using Conversations.Outbound;
using Conversations.Reporting;
using Conversations.Security;
using Conversations.Testing;
using Conversations.Serialization;
using Conversations.Silo.Hosting;
using Conversations.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Conversations.GrainTests.Foundation;

/// <summary>
/// One in-process test cluster for all grain tests, with the development profile's stores, a fake clock
/// for grains (tests move time instead of sleeping) and a recording outbound dispatcher.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    // The silo is built by type inside the cluster, so it reaches the test's clock and recorder statically.
    internal static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    internal static readonly RecordingDispatcher Outbound = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(initialSilosCount: 1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FakeTimeProvider Clock => Time;

    public RecordingDispatcher Delivered => Outbound;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        // Open channel sessions save their state when deactivated. At silo shutdown the in-memory storage
        // grains may be gone first, and each such session then holds shutdown until the 30 s deactivation
        // timeout; deactivated while the silo is still up, they save at once.
        await DeactivateAllGrainsAsync();
        await Cluster.DisposeAsync();
    }

    public T SiloService<T>()
        where T : notnull =>
        ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<T>();

    /// <summary>Deactivates every grain, so the next call reloads each from storage.</summary>
    public async Task DeactivateAllGrainsAsync()
    {
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddDomainSerialization();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddDomainSerialization();
            silo.AddConversationsInMemoryStores();
            silo.Services.AddSingleton(sp => new InterruptibleGrainStorage(MemoryGrainStorageFactory.Create(sp, StorageNames.GrainState)));
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.GrainState, (sp, _) => sp.GetRequiredService<InterruptibleGrainStorage>());
            silo.Services.AddSingleton<GatedActivityLog>();
            silo.Services.AddSingleton<IActivityLog>(sp => sp.GetRequiredService<GatedActivityLog>());
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddSingleton<IOutboundDispatcher>(Outbound);
            silo.Services.AddSingleton<DeliveryRecorder>();
            silo.Services.AddSingleton(SecurityKeys.FromMasterKey(ApiAccess.NewMasterKey()));
            silo.Services.AddSingleton<SecretBox>();
            silo.Services.AddSingleton<InterruptibleReportingStore>();
            silo.Services.AddSingleton<IReportingStore>(sp => sp.GetRequiredService<InterruptibleReportingStore>());

            // Only grains run on the fake clock; the runtime's own loops keep real time.
            foreach (var key in new[]
                     {
                         TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
                         TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory, ReminderTimeProviderNames.Reminders,
                     })
            {
                silo.Services.AddKeyedSingleton(key, TimeProvider.System);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
