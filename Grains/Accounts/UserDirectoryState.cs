namespace Conversations.Accounts;

[GenerateSerializer]
public sealed class UserDirectoryState
{
    [Id(0)]
    public Dictionary<string, UserAccountView> Accounts { get; set; } = new(StringComparer.Ordinal);
}
