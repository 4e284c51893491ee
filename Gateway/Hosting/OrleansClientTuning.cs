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

    /// <summary>
    /// A request that went to a silo which then died is not answered; Orleans lets it wait for the response
    /// timeout (its default is 30 s). About the silos' failure-detection time instead: the connector gets a 503
    /// with Retry-After, and its retry goes to a live silo.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(6);

    public static IClientBuilder AddOrleansClientTuning(this IClientBuilder client)
    {
        client.Services.AddOptions<ClientMessagingOptions>().Configure(o => o.ResponseTimeout = ResponseTimeout).BindConfiguration(MessagingSection);
        client.Services.AddOptions<Orleans.Configuration.GatewayOptions>().BindConfiguration(GatewaySection);
        return client;
    }
}
