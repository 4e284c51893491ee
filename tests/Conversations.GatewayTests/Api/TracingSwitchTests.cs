using Conversations.WebHost.Operations;
using WebTelemetry = Conversations.WebHost.Operations.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Conversations.GatewayTests.Api;

/// <summary>Spans cost CPU on every request, grain call and SQL command: they are recorded only when something takes them.</summary>
public sealed class TracingSwitchTests
{
    [Fact]
    public async Task AddConversationsTelemetry_NoEndpointNoSwitch_RecordsNoTraces()
    {
        await using var app = Build();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData(WebTelemetry.TracingKey, "true")]
    [InlineData(WebTelemetry.OtlpEndpointKey, "http://127.0.0.1:4317")]
    public async Task AddConversationsTelemetry_SwitchOrEndpoint_RecordsTraces(string key, string value)
    {
        await using var app = Build((key, value));

        Assert.NotNull(app.Services.GetService<TracerProvider>());
    }

    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        foreach (var (key, value) in settings)
        {
            builder.WebHost.UseSetting(key, value);
        }

        return builder.AddConversationsTelemetry("tracing-switch-test").Build();
    }
}
