using Conversations.Channels;
using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class CustomerIdentityRulesTests
{
    [Theory]
    [InlineData("+4917012345678")]
    [InlineData("whatsapp:+4917012345678")]
    [InlineData("WhatsApp:+49 170 1234 5678")]
    [InlineData("tel:+49-170-1234-5678")]
    [InlineData("0049 (170) 1234.5678")]
    [InlineData(" 4917012345678 ")]
    public void Identify_PhoneSpellings_NormaliseToOneNumber(string raw)
    {
        var identity = CustomerIdentityRules.Identify(IdentityKind.Phone, raw);

        Assert.Equal(IdentityKind.Phone, identity.Kind);
        Assert.Equal("+4917012345678", identity.Value);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+1234567890123456")]
    [InlineData("+49 170 CALL ME")]
    [InlineData("49+170")]
    public void Identify_NotAPhoneNumber_IsRefused(string raw)
    {
        var error = Assert.Throws<DomainException>(() => CustomerIdentityRules.Identify(IdentityKind.Phone, raw));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Identify_Email_IsCaseInsensitive()
    {
        Assert.Equal(
            CustomerIdentityRules.Identify(IdentityKind.Email, "Jane.Doe@Example.COM"),
            CustomerIdentityRules.Identify(IdentityKind.Email, "jane.doe@example.com"));
    }

    [Theory]
    [InlineData("jane")]
    [InlineData("@example.com")]
    [InlineData("jane@")]
    [InlineData("jane doe@example.com")]
    [InlineData("a@b@c")]
    public void Identify_NotAnEmail_IsRefused(string raw)
    {
        Assert.Throws<DomainException>(() => CustomerIdentityRules.Identify(IdentityKind.Email, raw));
    }

    [Fact]
    public void Identify_WebVisitor_KeepsTheIdExactly()
    {
        Assert.Equal("Visitor-AbC", CustomerIdentityRules.Identify(IdentityKind.WebVisitor, "  Visitor-AbC ").Value);
        Assert.NotEqual(
            CustomerIdentityRules.Identify(IdentityKind.WebVisitor, "abc"),
            CustomerIdentityRules.Identify(IdentityKind.WebVisitor, "ABC"));
    }

    [Fact]
    public void Identify_SameValueDifferentKinds_AreDifferentIdentities()
    {
        var asVisitor = CustomerIdentityRules.Identify(IdentityKind.WebVisitor, "+4917012345678");
        var asPhone = CustomerIdentityRules.Identify(IdentityKind.Phone, "+4917012345678");

        Assert.NotEqual(GrainKeys.Identity(asVisitor), GrainKeys.Identity(asPhone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Identify_Missing_IsRefused(string? raw)
    {
        Assert.Throws<DomainException>(() => CustomerIdentityRules.Identify(IdentityKind.WebVisitor, raw));
    }

    [Theory]
    [InlineData(IdentityKind.WebVisitor, "visitor\u000042")]
    [InlineData(IdentityKind.External, "crm\u0007id")]
    [InlineData(IdentityKind.External, "two\nlines")]
    [InlineData(IdentityKind.Email, "jane\u0000@example.com")]
    [InlineData(IdentityKind.Phone, "+49170\u00001234567")]
    public void Identify_ControlCharacters_AreRefused(IdentityKind kind, string raw)
    {
        var error = Assert.Throws<DomainException>(() => CustomerIdentityRules.Identify(kind, raw));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Identify_TooLong_IsRefused()
    {
        Assert.Throws<DomainException>(() =>
            CustomerIdentityRules.Identify(IdentityKind.External, new string('x', CustomerIdentityRules.MaxIdentifierLength + 1)));
    }
}
