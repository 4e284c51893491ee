using Conversations.Outbound;

namespace Conversations.UnitTests.Domain;

public sealed class DeliveryScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DeliverySchedule Schedule = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(6, 32)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(5000, 300)]
    public void NextAttemptAt_AfterFailedAttempts_DoublesTheWaitUpToTheCap(int failedAttempts, int expectedSeconds)
    {
        var now = Start.AddHours(1);

        Assert.Equal(now.AddSeconds(expectedSeconds), Schedule.NextAttemptAt(failedAttempts, Start, now));
    }

    [Fact]
    public void NextAttemptAt_RetryAfterGiven_WaitsWhatTheProviderAskedEvenPastTheCap()
    {
        Assert.Equal(Start.AddMinutes(20), Schedule.NextAttemptAt(1, Start, Start, TimeSpan.FromMinutes(20)));
        Assert.Equal(Start.AddSeconds(3), Schedule.NextAttemptAt(9, Start, Start, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void NextAttemptAt_RetryAfterZero_FallsBackToTheBackoff() =>
        Assert.Equal(Start.AddSeconds(4), Schedule.NextAttemptAt(3, Start, Start, TimeSpan.Zero));

    [Fact]
    public void NextAttemptAt_PastTheWindow_IsNull()
    {
        Assert.Equal(Start.AddHours(24), Schedule.NextAttemptAt(20, Start, Start.AddHours(24).AddMinutes(-5)));
        Assert.Null(Schedule.NextAttemptAt(20, Start, Start.AddHours(24).AddMinutes(-4)));
        Assert.Null(Schedule.NextAttemptAt(1, Start, Start.AddHours(23), TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(401, true)]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(499, true)]
    [InlineData(408, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    [InlineData(302, false)]
    public void IsPermanent_StatusCode_OnlyClientErrorsThatRetryingCannotFix(int statusCode, bool permanent) =>
        Assert.Equal(permanent, DeliverySchedule.IsPermanent(statusCode));
}
