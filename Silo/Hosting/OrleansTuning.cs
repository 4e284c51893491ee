using Orleans.Configuration;
using Orleans.Hosting;

namespace Conversations.Silo.Hosting;

/// <summary>
/// Orleans timings an operator (or a crash test) may tune from configuration without a rebuild. Every key is
/// optional; an absent key keeps the contact-center default below, or else Orleans' own.
/// The keys live under <c>Silo:</c> because Orleans reads <c>Orleans:Reminders</c>, <c>Orleans:Clustering</c> and
/// friends as provider selections and fails on a section without a provider type.
/// <list type="bullet">
/// <item><c>Silo:Membership:*</c> binds <see cref="ClusterMembershipOptions"/>: how fast a silo that stopped
/// answering is declared dead (ProbeTimeout, NumMissedProbesLimit, TableRefreshTimeout, DeathVoteExpirationTimeout...).</item>
/// <item><c>Silo:Reminders:MinimumReminderPeriod</c> binds <see cref="ReminderOptions"/> (deadlines do not use reminders:
/// they are in the wake-up book, <c>WakeUps:*</c>).</item>
/// <item><c>Silo:Messaging:*</c> binds <see cref="SiloMessagingOptions"/> (ResponseTimeout...).</item>
/// <item><c>Silo:GrainCollection:*</c> binds <see cref="GrainCollectionOptions"/>: how long an idle grain stays in memory
/// (CollectionAge), how often the silo looks (CollectionQuantum), and the shedding of grains under memory pressure
/// (EnableActivationSheddingOnMemoryPressure, MemoryUsageLimitPercentage, MemoryUsageTargetPercentage,
/// MemoryUsagePollingPeriod).</item>
/// </list>
/// </summary>
public static class OrleansTuning
{
    public const string MembershipSection = "Silo:Membership";
    public const string RemindersSection = "Silo:Reminders";
    public const string MessagingSection = "Silo:Messaging";
    public const string GrainCollectionSection = "Silo:GrainCollection";

    /// <summary>
    /// An open conversation is idle most of its life (people type between long pauses, wait for replies, leave
    /// sessions to time out). Its deadlines live in the wake-up book, so its grains may leave memory after
    /// 5 idle minutes (Orleans' default is 15) and a silo holds the conversations being worked, not every open one.
    /// </summary>
    public static readonly TimeSpan IdleCollectionAge = TimeSpan.FromMinutes(5);

    /// <summary>
    /// No customer or agent should wait on a grain whose silo died: calls to a dead silo fail once it is
    /// declared dead, so that is what bounds a stall. A contact center's defaults (Orleans' own are 5 s probes,
    /// 3 misses and 30 s responses): probes every 2 s, dead after 3 missed (about 6 s), and no call waits
    /// longer than 10 s for an answer.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public const int MissedProbesLimit = 3;

    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    public static ISiloBuilder AddOrleansTuning(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<ClusterMembershipOptions>().Configure(ForContactCenter).BindConfiguration(MembershipSection);
        silo.Services.AddOptions<ReminderOptions>().BindConfiguration(RemindersSection);
        silo.Services.AddOptions<SiloMessagingOptions>().Configure(o => o.ResponseTimeout = ResponseTimeout).BindConfiguration(MessagingSection);
        silo.Services.AddOptions<GrainCollectionOptions>().Configure(ForContactCenter).BindConfiguration(GrainCollectionSection);
        return silo;
    }

    private static void ForContactCenter(GrainCollectionOptions collection)
    {
        collection.CollectionAge = IdleCollectionAge;
        // Past 80 % of what the heap may use (75 % of a container's memory limit, DOTNET_GCHeapHardLimit, or else the
        // machine's memory), every 5 s after a full collection, Orleans deactivates the grains idle longest, as many as
        // should bring it back to 75 %, rather than the silo growing until it is killed. Every grain survives leaving
        // memory (bench/README.md item 24 lists what a busy one loses for a moment).
        collection.EnableActivationSheddingOnMemoryPressure = true;
    }

    private static void ForContactCenter(ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = ProbeTimeout;
        membership.NumMissedProbesLimit = MissedProbesLimit;
    }
}
