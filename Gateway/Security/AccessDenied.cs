namespace Conversations.Gateway.Security;

/// <summary>The caller is who it says but may not do this (403), e.g. an agent acting on another agent's tasks.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
