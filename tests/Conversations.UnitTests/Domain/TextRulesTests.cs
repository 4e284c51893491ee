using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Jane Doe")]
    [InlineData("Zoë 🙂 日本")]
    [InlineData("x")]
    public void RequireLine_PrintableText_IsReturned(string value) =>
        Assert.Equal(value, TextRules.RequireLine(value, "name", 20));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("abc\u0000")]
    [InlineData("\u0007bell")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    [InlineData("\u001b[31mred")]
    [InlineData("c1\u0085control")]
    [InlineData("123456789012345678901")]
    public void RequireLine_MissingLongOrUnprintable_IsInvalid(string? value) =>
        AssertInvalid(() => TextRules.RequireLine(value, "name", 20));

    [Fact]
    public void RequireLine_BrokenSurrogatePair_IsInvalid()
    {
        // Not theory data: the test runner would repair the broken pairs on the way.
        AssertInvalid(() => TextRules.RequireLine("broken \ud800 pair", "name", 20));
        AssertInvalid(() => TextRules.RequireLine("late \udc00", "name", 20));
        AssertInvalid(() => TextRules.RequireLine("end \ud83d", "name", 20));
    }

    [Theory]
    [InlineData("Hello,\nhow are you?\r\n\tThanks")]
    [InlineData("emoji 🙂")]
    public void RequireText_LineBreaksAndTabs_AreFine(string value) =>
        Assert.Equal(value, TextRules.RequireText(value, "message text", 100));

    [Theory]
    [InlineData("nul \u0000")]
    [InlineData("bell \u0007")]
    [InlineData("del \u007f")]
    [InlineData("vertical \v tab")]
    public void RequireText_OtherControlCharacters_AreInvalid(string value)
    {
        var error = Assert.Throws<DomainException>(() => TextRules.RequireText(value, "message text", 100));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("message text contains the control character U+", error.Message);
    }

    [Fact]
    public void Optional_Null_IsFine()
    {
        TextRules.OptionalLine(null, "name", 10);
        TextRules.OptionalText(null, "notes", 10);
    }

    [Fact]
    public void Optional_Present_FollowsTheSameRules()
    {
        AssertInvalid(() => TextRules.OptionalLine("a\u0000", "name", 10));
        AssertInvalid(() => TextRules.OptionalText("a\u0000", "notes", 10));
        AssertInvalid(() => TextRules.OptionalText(new string('n', 11), "notes", 10));
    }

    private static void AssertInvalid(Action validate) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(validate).Kind);
}
