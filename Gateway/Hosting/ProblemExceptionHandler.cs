using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// Turns refusals into RFC 7807 problem details: domain errors keep their meaning (400, 404, 409),
/// unreadable requests say what was wrong with them, and a cluster that is briefly unreachable is a 503
/// a connector retries, not a 500. A refusal that names the field at fault also has it in <c>errors</c>
/// (<c>{"customerInactivityTimeoutSeconds": ["..."]}</c>, the shape of ASP.NET's validation problems), so a form can
/// show the message next to that field.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, field) = exception switch
        {
            DomainException { Kind: DomainErrorKind.NotFound } e => (StatusCodes.Status404NotFound, "Not found", e.Message, e.Field),
            DomainException { Kind: DomainErrorKind.Conflict } e => (StatusCodes.Status409Conflict, "Conflict", e.Message, e.Field),
            DomainException { Kind: DomainErrorKind.Forbidden } e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message, e.Field),
            DomainException e => (StatusCodes.Status400BadRequest, "Invalid request", e.Message, e.Field),
            BadHttpRequestException e => (e.StatusCode, "Unreadable request", UnreadableRequest.Describe(e), UnreadableRequest.FieldOf(e)),
            TimeoutException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
                or ClientNotAvailableException => (StatusCodes.Status503ServiceUnavailable, "Try again",
                    "The cluster did not answer in time (a silo may be restarting). Retry with the same request: inbound messages are idempotent.", null),
            _ => (0, string.Empty, string.Empty, null),
        };
        if (status == 0)
        {
            return false;
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }
}
