using Conversations.Activities;
using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class AttachmentRulesTests
{
    private static readonly MessageAttachment Picture = new("image/jpeg", "parcel.jpg", 120_000, AttachmentSource.TwilioMedia, "https://api.twilio.com/m/1");

    [Fact]
    public void Validate_NoneOrWellFormed_Passes()
    {
        AttachmentRules.Validate(null);
        AttachmentRules.Validate([Picture, Picture with { Name = null, Size = null, ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }]);
    }

    public static TheoryData<MessageAttachment> BadAttachments() => new()
    {
        Picture with { ContentType = "jpeg" },
        Picture with { ContentType = "image/jpeg; charset=x" },
        Picture with { ContentType = null! },
        Picture with { Name = "parcel\n.jpg" },
        Picture with { Name = new string('x', AttachmentRules.MaxNameLength + 1) },
        Picture with { Size = -1 },
        Picture with { Reference = "" },
        Picture with { Reference = "https://api.twilio.com/\u0000" },
        Picture with { Source = (AttachmentSource)9 },
    };

    [Theory]
    [MemberData(nameof(BadAttachments))]
    public void Validate_BadAttachment_IsInvalid(MessageAttachment attachment) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() => AttachmentRules.Validate([attachment])).Kind);

    [Fact]
    public void Validate_MoreThanTheMaximum_IsInvalid() =>
        Assert.Throws<DomainException>(() => AttachmentRules.Validate(Enumerable.Repeat(Picture, AttachmentRules.MaxAttachments + 1).ToList()));

    [Theory]
    [InlineData("application/pdf", "invoice.pdf", 1, 100, true)]
    [InlineData("application/pdf", null, 100, 100, true)]
    [InlineData("application/pdf", "invoice.pdf", 0, 100, false)]
    [InlineData("application/pdf", "invoice.pdf", 101, 100, false)]
    [InlineData("application/pdf", "invoice.pdf", AttachmentRules.MaxUploadBytes + 1, long.MaxValue, false)]
    [InlineData("pdf", "invoice.pdf", 1, 100, false)]
    [InlineData("application/pdf", "in\nvoice.pdf", 1, 100, false)]
    public void ValidateUpload_TypeNameAndSize_PassOnlyWhenWellFormedAndWithinTheLimit(string contentType, string? name, long size, long max, bool passes)
    {
        var invalid = Record.Exception(() => AttachmentRules.ValidateUpload(contentType, name, size, max));

        Assert.Equal(passes, invalid is null);
    }
}
