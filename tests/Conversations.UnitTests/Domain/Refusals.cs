namespace Conversations.UnitTests.Domain;

/// <summary>Checks a rule refuses a value as invalid and names the request's field at fault, as a form would show it.</summary>
internal static class Refusals
{
    public static void AssertInvalid(Action validate, string field)
    {
        var error = Assert.Throws<DomainException>(validate);
        Assert.Equal((DomainErrorKind.Invalid, field), (error.Kind, error.Field));
    }
}
