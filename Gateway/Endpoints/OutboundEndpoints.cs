using System.Security.Claims;
using Conversations.Channels;
using Conversations.Domain;
using Conversations.Gateway.Security;
using Conversations.Outbound;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Gateway.Endpoints;

/// <param name="Id">A template of the channel (<c>GET /api/channels/{channel}/templates</c>).</param>
/// <param name="Parameters">The values of its <c>{{1}}</c>, <c>{{2}}</c>... in order; in a batch, for recipients who bring none.</param>
public sealed record TemplateRequest(string Id, List<string>? Parameters = null);

/// <summary>
/// A message the business starts or resumes a conversation with. <paramref name="RequestId"/> is the client's: sending
/// the same request again starts nothing new and answers the same. The customer is named by id, or by their identifier
/// on the channel (a phone number on WhatsApp). The text, or a template; optionally who takes the customer's reply.
/// </summary>
public sealed record StartOutboundRequest(
    string RequestId,
    string Channel,
    string? CustomerId = null,
    string? CustomerIdentifier = null,
    string? Text = null,
    TemplateRequest? Template = null,
    string? OwnerAgentId = null,
    string? OwnerQueue = null);

/// <param name="Parameters">This recipient's template parameters, if not the batch's.</param>
public sealed record BatchRecipientRequest(string? CustomerId = null, string? CustomerIdentifier = null, List<string>? Parameters = null);

/// <summary>The same message to up to 10,000 customers on one channel, sent in the background at the channel's rate.</summary>
public sealed record StartBatchRequest(
    string RequestId,
    string Channel,
    List<BatchRecipientRequest> Recipients,
    string? Text = null,
    TemplateRequest? Template = null,
    string? OwnerAgentId = null,
    string? OwnerQueue = null);

/// <summary>
/// Business-initiated conversations: one message to a customer (supervisors to anyone, agents to customers they work
/// with), campaigns to many (supervisors), and the templates of a channel for the desk's picker.
/// </summary>
public static class OutboundEndpoints
{
    /// <summary>Room for a batch of 10,000 recipients with their parameters; other requests keep the gateway's limit.</summary>
    public const long MaxBatchBodyBytes = 4 * 1024 * 1024;

    public static void MapOutboundEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Outbound");

        api.MapGet("/channels/{channel}/templates", async (string channel, IClusterClient cluster) =>
                (await cluster.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey).ListTemplatesAsync()).Where(t => t.ServiceIdentifier == channel).ToList())
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The channel's message templates, for starting a conversation");

        api.MapPost("/outbound/conversations", async (StartOutboundRequest request, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                OutboundRules.RequireRequestId(request.RequestId);
                var started = await cluster.Get<IOutboundRequestGrain>(GrainKeys.OutboundRequest(request.RequestId)).StartAsync(new OutboundRequest(
                    request.RequestId, request.Channel, request.CustomerId, request.CustomerIdentifier, request.Text, request.Template?.Id,
                    request.Template?.Parameters?.ToArray(), request.OwnerAgentId, request.OwnerQueue, user.UserId()!, KnownCustomersOnly: !user.IsSupervisor()));
                return Results.Created($"/api/conversations/{started.ConversationId}", started);
            })
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Writes to a customer first: in their live conversation, or a new one on an outbound channel session");

        var campaigns = api.MapGroup("/outbound/batches").RequireAuthorization(Policies.Supervisor);
        campaigns.MapPost("/", async (StartBatchRequest request, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                OutboundRules.RequireRequestId(request.RequestId);
                var batch = new OutboundBatch(
                    request.RequestId, request.Channel, request.Text, request.Template?.Id, request.OwnerAgentId, request.OwnerQueue, user.UserId()!,
                    [.. request.Recipients.Select(r => new BatchRecipient(r?.CustomerId, r?.CustomerIdentifier, (r?.Parameters ?? request.Template?.Parameters)?.ToArray()))]);
                return await StartBatchAsync(cluster, batch);
            })
            .WithMetadata(new RequestSizeLimitAttribute(MaxBatchBodyBytes))
            .WithSummary("Sends one message to many customers in the background, at the channel's rate");
        campaigns.MapPost("/csv", async (
                HttpRequest http, string requestId, string channel, string? templateId, string? text, string? ownerAgentId, string? ownerQueue,
                ClaimsPrincipal user, IClusterClient cluster) =>
            {
                OutboundRules.RequireRequestId(requestId);
                if (!string.Equals(http.ContentType?.Split(';')[0].Trim(), "text/csv", StringComparison.OrdinalIgnoreCase))
                {
                    throw new BadHttpRequestException("The recipients are sent as text/csv.", StatusCodes.Status415UnsupportedMediaType);
                }

                // Read as bytes, so a file that is not UTF-8 is refused naming its line rather than read with replacement characters.
                using var file = new MemoryStream();
                await http.Body.CopyToAsync(file, http.HttpContext.RequestAborted);
                var recipients = RecipientsCsv.Parse(RecipientsCsv.Decode(file.GetBuffer().AsSpan(0, (int)file.Length)));
                return await StartBatchAsync(cluster, new OutboundBatch(
                    requestId, channel, text, templateId, ownerAgentId, ownerQueue, user.UserId()!,
                    [.. recipients.Select(r => new BatchRecipient(r.CustomerId, r.CustomerIdentifier, r.Parameters.Count == 0 ? null : [.. r.Parameters]))]));
            })
            .WithMetadata(new RequestSizeLimitAttribute(MaxBatchBodyBytes))
            .WithSummary("A campaign whose recipients are a CSV: customerIdentifier or customerId, then the template's parameters");
        campaigns.MapGet("/{id}", async (string id, int? offset, int? limit, IClusterClient cluster) =>
                (OutboundRules.IsRequestId(id) ? await Batch(cluster, id).GetAsync(offset ?? 0, limit ?? QueryEndpoints.DefaultPageSize) : null)
                ?? throw DomainException.NotFound($"No batch {id}."))
            .WithSummary("A batch's progress (total, sent, failed, pending) and its recipients' outcomes from offset on");
    }

    private static async Task<IResult> StartBatchAsync(IClusterClient cluster, OutboundBatch batch)
    {
        var status = await Batch(cluster, batch.BatchId).StartAsync(batch);
        return Results.Accepted($"/api/outbound/batches/{Uri.EscapeDataString(status.BatchId)}", status);
    }

    private static IOutboundBatchGrain Batch(IClusterClient cluster, string id) => cluster.Get<IOutboundBatchGrain>(GrainKeys.OutboundBatch(id));
}
