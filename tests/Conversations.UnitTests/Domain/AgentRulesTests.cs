using Conversations.Agents;
using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class AgentRulesTests
{
    private static readonly Dictionary<string, int> Capacity = new() { ["VOICE"] = 1, ["WEB"] = 4 };

    [Fact]
    public void Validate_ReasonableProfile_Passes() => AgentRules.Validate(new AgentProfile("Alice", Capacity));

    public static TheoryData<AgentProfile> BadProfiles() => new()
    {
        new AgentProfile("", Capacity),
        new AgentProfile("Ali\u0000ce", Capacity),
        new AgentProfile("Alice", new Dictionary<string, int> { ["WEB\n"] = 2 }),
        new AgentProfile("Alice", new Dictionary<string, int>()),
        new AgentProfile("Alice", new Dictionary<string, int> { ["web"] = 2 }),
        new AgentProfile("Alice", new Dictionary<string, int> { ["WEB"] = -1 }),
        new AgentProfile("Alice", new Dictionary<string, int> { ["WEB"] = AgentRules.MaxCapacityPerType + 1 }),
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void Validate_BadProfile_IsInvalid(AgentProfile profile) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() => AgentRules.Validate(profile)).Kind);

    [Theory]
    [InlineData("alice")]
    [InlineData("alice.smith-2_x")]
    public void ValidateAgentId_Slug_Passes(string id) => AgentRules.ValidateAgentId(id);

    [Theory]
    [InlineData("")]
    [InlineData("alice smith")]
    [InlineData("alice/1")]
    [InlineData("alice\n")]
    public void ValidateAgentId_NotASlug_IsInvalid(string id) => Assert.Throws<DomainException>(() => AgentRules.ValidateAgentId(id));

    [Theory]
    [InlineData(null, true)]
    [InlineData("Lunch", true)]
    [InlineData("lunch", false)]
    [InlineData("Gardening", false)]
    public void RequireConfiguredReason_NoneOrOneOfTheConfigured(string? reason, bool allowed) =>
        Assert.Equal(allowed, Record.Exception(() => AgentRules.RequireConfiguredReason(reason, ["Meeting", "Lunch"])) is null);
}
