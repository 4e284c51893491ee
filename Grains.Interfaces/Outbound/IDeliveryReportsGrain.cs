using Conversations.Activities;

namespace Conversations.Outbound;

/// <summary>Providers' reports on messages they carry (sent, delivered, read, failed), as their webhooks bring them.</summary>
public interface IDeliveryReportsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records the report when it moves the message on (<see cref="DeliveryProgress"/>); false when no bot or agent
    /// message <paramref name="sequence"/> of the conversation went out through <paramref name="connectorId"/>, so one
    /// connector's provider cannot speak for another's messages.
    /// </summary>
    Task<bool> ReportAsync(string connectorId, string conversationId, long sequence, DeliveryOutcome outcome, string? failure);
}
