using System.Net;

namespace Dms.Functions.Tests.FunctionsHost;

/// <summary>Without FUNCTIONS_CUSTOMHANDLER_PORT the hub is standalone: the host's invocation routes do not exist.</summary>
public sealed class StandaloneModeTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    [Theory]
    [InlineData("WorkRoute")]
    [InlineData("WorkDeliver")]
    [InlineData("DeadLetterNotify")]
    [InlineData("RecoverStalledWork")]
    [InlineData("RunScheduledJobs")]
    public async Task InvocationRoute_IsNotServed(string function)
    {
        using var client = fixture.Hub.Client();
        using var content = new StringContent("""{"Data":{},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/" + function, content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
