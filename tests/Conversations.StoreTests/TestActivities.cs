using Conversations.Activities;

namespace Conversations.StoreTests;

/// <summary>Builds activities for the store tests, with times PostgreSQL stores exactly (whole microseconds).</summary>
public static class TestActivities
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public const string Sender = "+41791234567";

    public static Activity Customer(
        string conversationId, long sequence, string sessionId, string? connectorMessageId = null, string service = "wa-support", string sender = Sender) =>
        new(conversationId, sequence, ActivityKind.CustomerMessage, ParticipantRole.Customer, "customer-1", "customer-1", sessionId,
            $"hello {sequence}", Start.AddSeconds(sequence), service, connectorMessageId ?? $"{conversationId}-m{sequence}",
            new Dictionary<string, string> { ["locale"] = "de-CH" }, Sender: sender);

    public static Activity Bot(string conversationId, long sequence) =>
        new(conversationId, sequence, ActivityKind.BotMessage, ParticipantRole.Bot, "bot", "customer-1", null,
            $"bot {sequence}", Start.AddSeconds(sequence));

    public static Activity Agent(string conversationId, long sequence) =>
        new(conversationId, sequence, ActivityKind.AgentMessage, ParticipantRole.Agent, "agent-7", "customer-1", null,
            $"agent {sequence}", Start.AddSeconds(sequence));
}
