using System.Text.Json;
using Conversations.Channels;
using Conversations.Gateway.Hosting;
using Conversations.GatewayTests.Foundation;
using Microsoft.AspNetCore.Http;

namespace Conversations.GatewayTests.Api;

/// <summary>What a client is told about a body or parameter ASP.NET could not read: where and what, never a .NET type.</summary>
public sealed class UnreadableRequestTests
{
    public static TheoryData<string, string> Bodies() => new()
    {
        { "[]", "The request body has the wrong JSON type or is not one of the allowed values." },
        { "42", "The request body has the wrong JSON type or is not one of the allowed values." },
        { """{"code":1,"name":"n","identityKind":"PHONE"}""", "The value at $.code has the wrong JSON type or is not one of the allowed values." },
        { """{"code":"C","name":"n","identityKind":"PIGEON"}""", "The value at $.identityKind has the wrong JSON type or is not one of the allowed values." },
        { """{"code":"C","name":null,"identityKind":"PHONE"}""", "The value at $.name must not be null." },
        { """{"code":"C"}""", "The request body is missing required properties: 'name', 'identityKind'." },
        { "{\"code\":\"C\"", "The request body is not valid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed (at $)." },
        { "{\"code\":\"C\u0000\"}", "The request body is not valid JSON: '0x00' is invalid within a JSON string. The string should be correctly escaped (at $.code)." },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Describe_UnreadableJson_NamesThePathNotTheType(string body, string expected)
    {
        var json = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChannelType>(body, SystemFixture.Json));
        // How ASP.NET wraps it.
        var failure = new BadHttpRequestException("""Failed to read parameter "ChannelType entry" from the request body as JSON.""", json);

        Assert.Equal(expected, UnreadableRequest.Describe(failure));
    }

    [Theory]
    [InlineData("""{"code":1,"name":"n","identityKind":"PHONE"}""", "code")]
    [InlineData("""{"code":"C","name":null,"identityKind":"PHONE"}""", "name")]
    [InlineData("{\"code\":\"C\u0000\"}", "code")]
    [InlineData("""{"code":"C"}""", null)]
    [InlineData("[]", null)]
    public void FieldOf_UnreadableJson_IsThePropertyAtThePath(string body, string? expected)
    {
        var json = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChannelType>(body, SystemFixture.Json));

        Assert.Equal(expected, UnreadableRequest.FieldOf(new BadHttpRequestException("Failed to read parameter.", json)));
    }

    [Theory]
    [InlineData("""{"agentRequestKeywords":["agent",7]}""", "agentRequestKeywords")]
    [InlineData("""{"greetingText":false}""", "greetingText")]
    public void FieldOf_ValueInsideAList_IsTheList(string body, string expected)
    {
        var json = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ControllerSettings>(body, SystemFixture.Json));

        Assert.Equal(expected, UnreadableRequest.FieldOf(new BadHttpRequestException("Failed to read parameter.", json)));
    }

    public static TheoryData<BadHttpRequestException, string> Framework() => new()
    {
        { new("""Implicit body inferred for parameter "entry" but no body was provided. Did you mean to use a Service instead?"""), "A JSON request body is required." },
        { new("""Required parameter "ChannelType entry" was not provided from body."""), "A JSON request body is required." },
        { new("""Required parameter "string kind" was not provided from query string."""), "The query string parameter 'kind' is required." },
        { new("""Failed to bind parameter "long? after" from "soon"."""), "'soon' is not a valid value for the parameter 'after'." },
        { new("""Expected a supported JSON media type but got "text/plain".""", StatusCodes.Status415UnsupportedMediaType), "The request body must be JSON (Content-Type: application/json)." },
        { new("Request body too large. The max request body size is 262144 bytes.", StatusCodes.Status413PayloadTooLarge), "The request body is larger than the gateway accepts." },
        { new("Something new in Conversations.Channels.ChannelType"), "The request could not be read." },
    };

    [Theory]
    [MemberData(nameof(Framework))]
    public void Describe_FrameworkRefusal_SaysItPlainly(BadHttpRequestException failure, string expected) =>
        Assert.Equal(expected, UnreadableRequest.Describe(failure));
}
