using System.Text.Json;
using Conversations.Gateway.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Conversations.GatewayTests.Api;

/// <summary>How failures that are hard to provoke end to end map to problem details.</summary>
public sealed class ProblemExceptionHandlerTests
{
    public static TheoryData<Exception, int> Failures() => new()
    {
        { DomainException.Invalid("bad"), 400 },
        { DomainException.NotFound("none"), 404 },
        { DomainException.Conflict("taken"), 409 },
        { DomainException.Forbidden("not yours"), 403 },
        { new TimeoutException("Response did not arrive on time"), 503 },
        { new SiloUnavailableException("silo gone"), 503 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task TryHandle_KnownFailure_WritesProblemDetailsWithItsStatus(Exception failure, int expected)
    {
        var (context, body) = NewContext();

        var handled = await Handler(context).TryHandleAsync(context, failure, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(expected, context.Response.StatusCode);
        body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(body);
        Assert.Equal(expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(expected == 503 ? "1" : null, context.Response.Headers.RetryAfter.FirstOrDefault());
    }

    [Fact]
    public async Task TryHandle_RefusalNamingAField_ListsItsMessageUnderErrors()
    {
        var (context, body) = NewContext();

        await Handler(context).TryHandleAsync(context, DomainException.Invalid("Too short.", "twilio.accountSid"), CancellationToken.None);

        body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(body);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal("Too short.", errors.GetProperty("twilio.accountSid")[0].GetString());
        Assert.Single(errors.EnumerateObject());
    }

    [Fact]
    public async Task TryHandle_UnexpectedFailure_IsLeftToTheDefault500()
    {
        var (context, _) = NewContext();

        Assert.False(await Handler(context).TryHandleAsync(context, new InvalidOperationException("bug"), CancellationToken.None));
    }

    private static ProblemExceptionHandler Handler(HttpContext context) =>
        new(context.RequestServices.GetRequiredService<IProblemDetailsService>());

    private static (HttpContext Context, MemoryStream Body) NewContext()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = body;
        context.Request.Headers.Accept = "application/json";
        return (context, body);
    }
}
