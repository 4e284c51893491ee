using System.Security.Claims;
using Conversations.Activities;
using Conversations.Attachments;
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

    private static async Task<IResult> DownloadAsync(
        string id, long sequence, int index, ClaimsPrincipal user, IClusterClient cluster, ProviderMedia media, HttpContext http)
    {
        await QueryEndpoints.ReadableConversationAsync(id, user, cluster);
        var page = await cluster.Get<IConversationGrain>(id).GetActivitiesAsync(sequence - 1, 1);
        if (page.Items is not [{ ChannelSessionId: { } sessionId, Attachments: { } attachments } message] || message.Sequence != sequence
            || index < 0 || index >= attachments.Count)
        {
            throw DomainException.NotFound($"Message {sequence} of conversation {id} has no attachment {index}.");
        }

        var attachment = attachments[index];
        if (attachment.Source == AttachmentSource.Upload)
        {
            return UploadEndpoints.Download(
                http, await cluster.Get<IUploadsGrain>(0).ReadAsync(attachment.Reference) ?? throw DomainException.NotFound("The file is gone."));
        }

        var connector = await ConnectorOfAsync(sessionId, cluster) ?? throw DomainException.NotFound("The attachment's channel no longer exists.");
        HttpResponseMessage? response;
        try
        {
            response = await media.FetchAsync(attachment, connector, http.RequestAborted);
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
        UploadEndpoints.MarkAsDownload(http);
        return Results.Stream(
            await response.Content.ReadAsStreamAsync(http.RequestAborted), attachment.ContentType, attachment.Name ?? $"attachment-{sequence}-{index}");
    }

    private static async Task<ChannelConnector?> ConnectorOfAsync(string channelSessionId, IClusterClient cluster)
    {
        var session = await cluster.Get<IChannelSessionGrain>(channelSessionId).GetAsync();
        var channel = session is null ? null : await cluster.Get<IChannelGrain>(GrainKeys.Channel(session.ServiceIdentifier)).GetAsync();
        return channel?.Connector;
    }
}
