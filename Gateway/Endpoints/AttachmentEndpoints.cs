using System.Security.Claims;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Gateway.Channels;
using Conversations.Gateway.Security;

namespace Conversations.Gateway.Endpoints;

/// <summary>A message's files, read through the gateway by whoever may read the conversation.</summary>
public static class AttachmentEndpoints
{
    public const string Path = "/api/conversations/{id}/activities/{sequence}/attachments/{index}";

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, DownloadAsync).RequireAuthorization(Policies.Staff).WithTags("Conversations")
            .WithSummary("One attachment of a message, fetched from the provider that holds it")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");

    /// <summary>
    /// Served as a download that is never sniffed or run: the bytes are the customer's, and a page of theirs opened
    /// from our origin would run with the desk's rights.
    /// </summary>
    private static async Task<IResult> DownloadAsync(
        string id, long sequence, int index, ClaimsPrincipal user, IClusterClient cluster, ProviderMedia media, HttpContext http)
    {
        await QueryEndpoints.ReadableConversationAsync(id, user, cluster);
        var page = await cluster.GetGrain<IConversationGrain>(id).GetActivitiesAsync(sequence - 1, 1);
        if (page.Items is not [{ ChannelSessionId: { } sessionId, Attachments: { } attachments } message] || message.Sequence != sequence
            || index < 0 || index >= attachments.Count)
        {
            throw DomainException.NotFound($"Message {sequence} of conversation {id} has no attachment {index}.");
        }

        var connector = await ConnectorOfAsync(sessionId, cluster) ?? throw DomainException.NotFound("The attachment's channel no longer exists.");
        HttpResponseMessage? response;
        try
        {
            response = await media.FetchAsync(attachments[index], connector, http.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Provider unavailable", detail: e.Message);
        }

        if (response is null)
        {
            throw DomainException.NotFound("The provider no longer has the attachment.");
        }

        http.Response.RegisterForDispose(response);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var attachment = attachments[index];
        return Results.Stream(
            await response.Content.ReadAsStreamAsync(http.RequestAborted), attachment.ContentType, attachment.Name ?? $"attachment-{sequence}-{index}");
    }

    private static async Task<ChannelConnector?> ConnectorOfAsync(string channelSessionId, IClusterClient cluster)
    {
        var session = await cluster.GetGrain<IChannelSessionGrain>(channelSessionId).GetAsync();
        var channel = session is null ? null : await cluster.GetGrain<IChannelGrain>(GrainKeys.Channel(session.ServiceIdentifier)).GetAsync();
        return channel?.Connector;
    }
}
