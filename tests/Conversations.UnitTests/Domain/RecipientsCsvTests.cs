using System.Text;
using Conversations.Outbound;
using static Conversations.UnitTests.Domain.Refusals;

namespace Conversations.UnitTests.Domain;

public sealed class RecipientsCsvTests
{
    [Fact]
    public void Parse_AnExportWithQuotesAndCrLf_GivesEachRecipientAndTheirParameters()
    {
        var recipients = RecipientsCsv.Parse("customerIdentifier,name,order\r\n+16505551234,Ann,1001\r\n\r\n\"+1 650 555 5678\",\"Bo, \"\"the\"\" builder\",\"10\n02\"\r\n");

        Assert.Equal(2, recipients.Count);
        Assert.Equal((null, "+16505551234"), (recipients[0].CustomerId, recipients[0].CustomerIdentifier));
        Assert.Equal(["Ann", "1001"], recipients[0].Parameters);
        Assert.Equal(["Bo, \"the\" builder", "10\n02"], recipients[1].Parameters);
    }

    [Fact]
    public void Parse_ByCustomerIdWithoutParameters_NamesTheCustomers()
    {
        var recipient = Assert.Single(RecipientsCsv.Parse("customerId\ncust-1"));

        Assert.Equal(("cust-1", null), (recipient.CustomerId, recipient.CustomerIdentifier));
        Assert.Empty(recipient.Parameters);
    }

    [Theory]
    [InlineData("")]
    [InlineData("phone,name\n+1650,Ann")]
    [InlineData("customerIdentifier,name\n+16505551234")]
    [InlineData("customerIdentifier,name\n+16505551234,\"Ann")]
    public void Parse_MalformedFile_IsInvalidNamingTheCsv(string csv) => AssertInvalid(() => RecipientsCsv.Parse(csv), RecipientsCsv.Field);

    [Fact]
    public void Decode_AFileWithAByteOrderMark_ParsesWithoutIt()
    {
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("customerIdentifier,name\r\n+16505551234,Zoë\r\n")).ToArray();

        var recipient = Assert.Single(RecipientsCsv.Parse(RecipientsCsv.Decode(file)));

        Assert.Equal(("+16505551234", "Zoë"), (recipient.CustomerIdentifier, recipient.Parameters[0]));
    }

    [Fact]
    public void Decode_InvalidUtf8_IsInvalidNamingItsLine()
    {
        byte[] file = [.. Encoding.UTF8.GetBytes("customerIdentifier,name\r\n+16505551234,Ann\r\n+16505551235,Z"), 0xEB, .. Encoding.UTF8.GetBytes("\r\n")];

        var error = Assert.Throws<DomainException>(() => RecipientsCsv.Decode(file));

        Assert.Equal((DomainErrorKind.Invalid, RecipientsCsv.Field), (error.Kind, error.Field));
        Assert.StartsWith("Line 3 ", error.Message);
    }

    [Theory]
    [InlineData("customerIdentifier,name\r\n+1,Ann\r\n\"+2\",\"two\r\nlines\"\r\n+3\r\n")]
    [InlineData("customerIdentifier,name\n+1,Ann\n\"+2\",\"two\nlines\"\n+3\n")]
    [InlineData("customerIdentifier,name\r+1,Ann\r\"+2\",\"two\rlines\"\r+3\r")]
    public void Parse_LineNumbers_CountEachLineEndOnceWhateverItsKind(string csv) =>
        Assert.StartsWith("Line 5 ", Assert.Throws<DomainException>(() => RecipientsCsv.Parse(csv)).Message);
}
