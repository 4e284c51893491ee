using Conversations.Activities;
using Conversations.Attachments;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Security;
using Conversations.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Endpoints;

/// <summary>Files for outbound messages: staff upload them, and providers fetch them by signed, short-lived links.</summary>
public static class UploadEndpoints
{
    public static void MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/uploads", UploadAsync).RequireAuthorization(Policies.Staff).WithTags("Attachments")
            .WithSummary("Uploads a file (the raw body, its Content-Type, ?name=) for an agent's message to carry")
            .Produces<StoredUpload>(StatusCodes.Status201Created);

        // Providers cannot present our credentials: the link's signature, for this upload and until it expires, is the permission.
        app.MapGet("/api/media/{id}", ServeLinkedAsync).AllowAnonymous().WithTags("Attachments")
            .WithSummary("An uploaded file, by the signed link an outbound message gave its receiver")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    private static async Task<IResult> UploadAsync(string? name, HttpContext http, IOptions<GatewayOptions> options, IClusterClient cluster) =>
        Results.Created((string?)null, await SaveBodyAsync(http, name, options.Value.MaxUploadBytes, cluster));

    /// <summary>The upload a message names, as its attachment; null when it names none, invalid when there is no such upload.</summary>
    internal static async Task<MessageAttachment?> AttachmentAsync(IClusterClient cluster, string? uploadId) =>
        uploadId is null ? null
        : (await cluster.Get<IUploadsGrain>(0).DescribeAsync(uploadId) ?? throw DomainException.Invalid($"No upload '{uploadId}'.")).AsAttachment();

    /// <summary>
    /// Keeps the request body as a file of its Content-Type; reads at most <paramref name="maxBytes"/>, so a bigger file
    /// is refused while it arrives, not after.
    /// </summary>
    internal static async Task<StoredUpload> SaveBodyAsync(HttpContext http, string? name, long maxBytes, IClusterClient cluster)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var upload = new Upload(http.Request.ContentType?.Split(';')[0].Trim() ?? "", name, body.ToArray());
        return await cluster.Get<IUploadsGrain>(0).SaveAsync(upload, maxBytes);
    }

    private static async Task<IResult> ServeLinkedAsync(string id, long? expires, string? signature, MediaLinks links, TimeProvider time, IClusterClient cluster, HttpContext http)
    {
        if (expires is null || !links.IsValid(id, expires.Value, signature, time.GetUtcNow()))
        {
            throw DomainException.Forbidden("The link is not signed for this file, or it expired.");
        }

        var upload = await cluster.Get<IUploadsGrain>(0).ReadAsync(id) ?? throw DomainException.NotFound("No such file.");
        return Download(http, upload);
    }

    /// <summary>
    /// A file as a download that is never sniffed or run: its bytes are a customer's or an agent's, and a page of theirs
    /// opened from our origin would run with the desk's rights.
    /// </summary>
    internal static IResult Download(HttpContext http, Upload upload)
    {
        MarkAsDownload(http);
        return Results.File(upload.Bytes, upload.ContentType, upload.Name ?? "attachment");
    }

    internal static void MarkAsDownload(HttpContext http)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
    }
}
