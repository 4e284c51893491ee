using Conversations.Channels;
using Conversations.Domain;
using Conversations.Outbound;
using static Conversations.UnitTests.Domain.Refusals;

namespace Conversations.UnitTests.Domain;

public sealed class MessageTemplateRulesTests
{
    private static readonly Dictionary<string, Channel> Channels = new() { ["+15550001"] = new Channel("+15550001", "Sales", "conn", RoutingMode.Push, 600) };
    private static readonly MessageTemplate Shipped = new("shipped-en", "+15550001", "order_update", "en_US", "Hi {{1}}, order {{2}} shipped. Thanks, {{1}}!", "order_update_v2");

    [Fact]
    public void Render_WithItsParameters_FillsEachPlaceInEveryPlace() =>
        Assert.Equal("Hi Ann, order A-1 shipped. Thanks, Ann!", MessageTemplateRules.Render(Shipped, ["Ann", "A-1"]));

    [Fact]
    public void Render_TooFewParameters_IsInvalidNamingTheParameters() =>
        AssertInvalid(() => MessageTemplateRules.Render(Shipped, ["Ann"]), "template.parameters");

    [Fact]
    public void Render_AParameterWithALineBreak_IsInvalid() =>
        AssertInvalid(() => MessageTemplateRules.Render(Shipped, ["Ann", "A-1\nB-2"]), "template.parameters");

    [Fact]
    public void Sent_WithAProviderName_SendsItUnderThatName() =>
        Assert.Equal(("order_update_v2", "en_US"), (MessageTemplateRules.Sent(Shipped, ["Ann", "A-1"]).ProviderName, MessageTemplateRules.Sent(Shipped, ["Ann", "A-1"]).Language));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Sent_NoProviderName_SendsItUnderItsName(string? providerName) =>
        Assert.Equal("order_update", MessageTemplateRules.Sent(Shipped with { ProviderTemplateName = providerName }, ["Ann", "A-1"]).ProviderName);

    [Fact]
    public void Validate_AWellFormedTemplate_Passes() => MessageTemplateRules.Validate(Shipped, Channels);

    [Theory]
    [InlineData("Hi {{2}}", "body")]
    [InlineData("Hi {{1}} and {{3}}", "body")]
    public void Validate_ParametersWithAGap_IsInvalidNamingTheBody(string body, string field) =>
        AssertInvalid(() => MessageTemplateRules.Validate(Shipped with { Body = body }, Channels), field);

    [Fact]
    public void Validate_AChannelThatDoesNotExist_IsInvalidNamingIt() =>
        AssertInvalid(() => MessageTemplateRules.Validate(Shipped with { ServiceIdentifier = "+15559999" }, Channels), "serviceIdentifier");

    [Theory]
    [InlineData("english")]
    [InlineData("EN")]
    public void Validate_ALanguageThatIsNotACode_IsInvalid(string language) =>
        AssertInvalid(() => MessageTemplateRules.Validate(Shipped with { Language = language }, Channels), "language");

    [Fact]
    public void RequireDistinct_SameNameAndLanguageOnTheChannel_IsAConflict() =>
        Assert.Equal(
            DomainErrorKind.Conflict,
            Assert.Throws<DomainException>(() => MessageTemplateRules.RequireDistinct(Shipped with { Id = "other" }, [Shipped])).Kind);
}
