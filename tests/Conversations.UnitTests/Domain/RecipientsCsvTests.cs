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
}
