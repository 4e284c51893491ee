namespace Conversations.Outbound;

/// <summary>
/// A message the business may start a conversation with on one channel: its <paramref name="Body"/> has numbered
/// parameters (<c>{{1}}</c>, <c>{{2}}</c>...) filled in per message. On WhatsApp it is sent as the approved template
/// <paramref name="ProviderTemplateName"/> (or <paramref name="Name"/>) in <paramref name="Language"/>; other channels get
/// the body with its parameters filled in.
/// </summary>
public sealed record MessageTemplate(
    string Id,
    string ServiceIdentifier,
    string Name,
    string Language,
    string Body,
    string? ProviderTemplateName = null);

/// <summary>A template as one message uses it: what the provider needs to send it, with its parameters in order.</summary>
public sealed record SentTemplate(string ProviderName, string Language, IReadOnlyList<string> Parameters);

/// <summary>Who takes the customer's first reply to an outbound message: an agent, or a pull list (a queue agents pick from).</summary>
public sealed record ReplyOwner(string? AgentId, string? Queue, string RequestedBy);
