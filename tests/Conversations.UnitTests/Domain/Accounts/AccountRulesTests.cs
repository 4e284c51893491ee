using Conversations.Accounts;

namespace Conversations.UnitTests.Domain.Accounts;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("agent-7")]
    [InlineData("j.doe_2")]
    public void ValidateUserId_UrlSafeLowerCase_IsAccepted(string id) => AccountRules.ValidateUserId(id);

    [Theory]
    [InlineData("")]
    [InlineData("Alice")]
    [InlineData("-alice")]
    [InlineData("al ice")]
    [InlineData("al/ice")]
    [InlineData("al\u0000ice")]
    [InlineData(null)]
    public void ValidateUserId_Else_IsInvalid(string? id) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() => AccountRules.ValidateUserId(id)).Kind);

    [Theory]
    [InlineData("short")]
    [InlineData("twelve-chars\u0007")]
    [InlineData(null)]
    public void ValidatePassword_TooShortOrWithControlCharacters_IsInvalid(string? password) =>
        Assert.Throws<DomainException>(() => AccountRules.ValidatePassword(password));

    [Fact]
    public void ValidateRoles_KnownRolesInAnyOrder_ComeBackOnceInCanonicalOrder() =>
        Assert.Equal([Roles.Admin, Roles.Agent], AccountRules.ValidateRoles([Roles.Agent, Roles.Admin, Roles.Agent]));

    [Fact]
    public void ValidateRoles_UnknownOrNone_IsInvalid()
    {
        Assert.Throws<DomainException>(() => AccountRules.ValidateRoles([]));
        Assert.Throws<DomainException>(() => AccountRules.ValidateRoles(["root"]));
        Assert.Throws<DomainException>(() => AccountRules.ValidateRoles([null!]));
    }
}
