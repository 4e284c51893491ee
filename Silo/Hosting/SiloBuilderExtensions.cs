using Conversations.Activities;
using Conversations.Outbound;
using Conversations.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

using Conversations.Hosting;

namespace Conversations.Silo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Services every profile needs: time and outbound delivery to connectors.</summary>
    public static ISiloBuilder AddConversationsCore(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddOptions<OutboundDeliveryOptions>().BindConfiguration("OutboundDelivery");
        silo.Services.AddHttpClient(nameof(WebhookDelivery));
        silo.Services.TryAddSingleton<WebhookDelivery>();
        silo.Services.TryAddSingleton<IOutboundDispatcher>(sp => sp.GetRequiredService<WebhookDelivery>());
        silo.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WebhookDelivery>());
        return silo;
    }

    /// <summary>The development profile's stores: all in memory, nothing to install.</summary>
    public static ISiloBuilder AddConversationsInMemoryStores(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.GrainState);
        silo.UseInMemoryReminderService();
        silo.Services.AddSingleton<InMemoryActivityLog>();
        silo.Services.AddSingleton<IActivityLog>(sp => sp.GetRequiredService<InMemoryActivityLog>());
        silo.Services.AddSingleton<InMemoryReportingStore>();
        silo.Services.AddSingleton<IReportingStore>(sp => sp.GetRequiredService<InMemoryReportingStore>());
        return silo;
    }
}
