using Conversations.Channels;

namespace Conversations.UnitTests.Domain;

public sealed class WhatsAppWindowTests
{
    private static readonly DateTimeOffset LastMessage = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void At_WithinADayOfTheLastMessage_IsOpenUntilADayAfterIt() =>
        Assert.Equal(new ReplyWindow(true, LastMessage.AddHours(24)), WhatsAppWindow.At(LastMessage, LastMessage.AddHours(23).AddMinutes(59)));

    [Fact]
    public void At_ExactlyADayAfter_IsClosed() =>
        Assert.Equal(new ReplyWindow(false, LastMessage.AddHours(24)), WhatsAppWindow.At(LastMessage, LastMessage.AddHours(24)));

    [Fact]
    public void At_DaysLater_IsClosedSinceADayAfterTheLastMessage() =>
        Assert.Equal(new ReplyWindow(false, LastMessage.AddHours(24)), WhatsAppWindow.At(LastMessage, LastMessage.AddDays(3)));

    [Fact]
    public void At_CustomerNeverWrote_IsClosedWithoutATime() =>
        Assert.Equal(new ReplyWindow(false, null), WhatsAppWindow.At(null, LastMessage));
}
