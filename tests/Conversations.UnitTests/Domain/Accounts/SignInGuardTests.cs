using Conversations.Accounts;

namespace Conversations.UnitTests.Domain.Accounts;

public sealed class SignInGuardTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = new(3, TimeSpan.FromMinutes(10));

    [Fact]
    public void Decide_RightPassword_SignsInAndForgetsEarlierFailures()
    {
        var (verdict, next) = SignInGuard.Decide(new SignInAttempts(2, null), disabled: false, passwordMatches: true, Now, Policy);

        Assert.Equal(SignInVerdict.SignedIn, verdict);
        Assert.Equal(SignInAttempts.None, next);
    }

    [Fact]
    public void Decide_WrongPasswordsUpToTheThreshold_LockForTheDuration()
    {
        var attempts = SignInAttempts.None;
        var verdicts = new List<SignInVerdict>();
        for (var i = 0; i < 3; i++)
        {
            (var verdict, attempts) = SignInGuard.Decide(attempts, disabled: false, passwordMatches: false, Now, Policy);
            verdicts.Add(verdict);
        }

        Assert.Equal([SignInVerdict.Refused, SignInVerdict.Refused, SignInVerdict.LockedOut], verdicts);
        Assert.Equal(Now + Policy.Duration, attempts.LockedUntil);
    }

    [Fact]
    public void Decide_WhileLocked_RefusesEvenTheRightPassword_AndAfterwardsStartsAfresh()
    {
        var locked = new SignInAttempts(0, Now.AddMinutes(5));

        Assert.Equal(SignInVerdict.LockedOut, SignInGuard.Decide(locked, false, true, Now, Policy).Verdict);
        Assert.False(SignInGuard.MayTry(locked, Now));
        var later = Now.AddMinutes(6);
        Assert.True(SignInGuard.MayTry(locked, later));
        var (verdict, next) = SignInGuard.Decide(locked, false, false, later, Policy);
        Assert.Equal(SignInVerdict.Refused, verdict);
        Assert.Equal(new SignInAttempts(1, null), next);
    }

    [Fact]
    public void Decide_DisabledAccountWithTheRightPassword_IsRefusedLikeAWrongOne()
    {
        Assert.Equal(SignInVerdict.Refused, SignInGuard.Decide(SignInAttempts.None, disabled: true, passwordMatches: true, Now, Policy).Verdict);
    }
}
