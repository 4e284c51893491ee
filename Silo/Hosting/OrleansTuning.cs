using Orleans.Configuration;
using Orleans.Hosting;

namespace Conversations.Silo.Hosting;

/// <summary>
/// Orleans timings an operator (or a crash test) may tune from configuration without a rebuild. Every key is
/// optional and an absent key keeps Orleans' default, so existing deployments behave exactly as before.
/// The keys live under <c>Silo:</c> because Orleans reads <c>Orleans:Reminders</c>, <c>Orleans:Clustering</c> and
/// friends as provider selections and fails on a section without a provider type.
/// <list type="bullet">
/// <item><c>Silo:Membership:*</c> binds <see cref="ClusterMembershipOptions"/>: how fast a silo that stopped
/// answering is declared dead (ProbeTimeout, NumMissedProbesLimit, TableRefreshTimeout, DeathVoteExpirationTimeout...).</item>
/// <item><c>Silo:Reminders:MinimumReminderPeriod</c> binds <see cref="ReminderOptions"/>; the timeout grains
/// also use it as the floor of their backstop reminder, so lowering it makes reminders tick sooner after a crash.</item>
/// <item><c>Silo:Messaging:*</c> binds <see cref="SiloMessagingOptions"/> (ResponseTimeout...).</item>
/// </list>
/// </summary>
public static class OrleansTuning
{
    public const string MembershipSection = "Silo:Membership";
    public const string RemindersSection = "Silo:Reminders";
    public const string MessagingSection = "Silo:Messaging";

    public static ISiloBuilder AddOrleansTuning(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
        silo.Services.AddOptions<ReminderOptions>().BindConfiguration(RemindersSection);
        silo.Services.AddOptions<SiloMessagingOptions>().BindConfiguration(MessagingSection);
        return silo;
    }
}
