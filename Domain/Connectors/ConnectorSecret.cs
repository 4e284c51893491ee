namespace Conversations.Connectors;

/// <summary>One secret of a connector (sealed when stored); <c>RetiresAt</c> is null while it is the current one.</summary>
public sealed record ConnectorSecret(string Value, DateTimeOffset? RetiresAt);
