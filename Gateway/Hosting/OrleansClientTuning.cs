using Orleans.Configuration;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// Orleans client timings an operator (or a crash test) may tune from configuration without a rebuild. Every key
/// is optional; an absent key keeps the default below, or else Orleans' own.
/// The keys live under <c>Gateway:</c> because Orleans reads several <c>Orleans:*</c> sections as provider selections.
/// <list type="bullet">
/// <item><c>Gateway:Messaging:*</c> binds <see cref="ClientMessagingOptions"/>: ResponseTimeout bounds how long a
/// request to a silo that just died can hang before the connector gets an error and retries.</item>
/// <item><c>Gateway:GatewayList:*</c> binds Orleans' <see cref="Orleans.Configuration.GatewayOptions"/>: GatewayListRefreshPeriod
/// says how soon the gateway stops dialling silos that left the membership table.</item>
/// </list>
/// </summary>
public static class OrleansClientTuning
{
    public const string MessagingSection = "Gateway:Messaging";
    public const string GatewaySection = "Gateway:GatewayList";

    public static IClientBuilder AddOrleansClientTuning(this IClientBuilder client)
    {
        // As the silos: a request never hangs longer than 10 s (Orleans' own default is 30 s) before the connector hears.
        client.Services.AddOptions<ClientMessagingOptions>().Configure(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)).BindConfiguration(MessagingSection);
        client.Services.AddOptions<Orleans.Configuration.GatewayOptions>().BindConfiguration(GatewaySection);
        return client;
    }
}
