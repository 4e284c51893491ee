using Conversations.Serialization;
using Conversations.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Conversations.StoreTests;

/// <summary>Lets the test cluster's client find the silos through the PostgreSQL membership table, as the gateway does.</summary>
public sealed class ProductionClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.Services.AddDomainSerialization();
        global::Conversations.Silo.Hosting.SiloBuilderExtensions.RegisterNpgsqlFactory();
        clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = ProductionStoreOptions.AdoNetInvariant;
            o.ConnectionString = configuration[ProductionTestCluster.PostgresKey];
        });
    }
}
