using System.Net;
using Conversations.GatewayTests.Foundation;

namespace Conversations.GatewayTests.Api;

[Collection(SystemCollection.Name)]
public sealed class HealthTests(SystemFixture system)
{
    public static TheoryData<string, string> Probes() => new()
    {
        { "gateway", "/health/live" },
        { "gateway", "/health/ready" },
        { "silo", "/health/live" },
        { "silo", "/health/ready" },
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Probe_SystemUp_AnswersHealthyAndNothingMore(string host, string path)
    {
        var http = host == "silo" ? system.SiloHttp : system.Http;

        var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
