namespace Conversations.StoreTests;

/// <summary>A small grain state for the storage conformance tests.</summary>
[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string Text { get; set; } = string.Empty;

    [Id(1)]
    public int Count { get; set; }
}
