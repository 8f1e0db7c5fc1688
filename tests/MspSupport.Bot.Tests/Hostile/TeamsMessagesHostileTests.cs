using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;
using MspSupport.Testing.Hostile;
using Xunit.Abstractions;

namespace MspSupport.Bot.Tests.Hostile;

/// <summary><c>/api/messages</c> of the real bot host against the hostile battery, with a valid channel token where the case is about the body.</summary>
public sealed class TeamsMessagesHostileTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BotConnectorStandIn _connector = new();
    private BotHostFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotHostFactory(_connector);
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task No_hostile_request_to_api_messages_gets_a_5xx_or_files_a_ticket()
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", "message-personal.json")))!.AsObject();
        activity["serviceUrl"] = _connector.ServiceUrl;
        activity["text"] = "create a ticket for the printer";
        var endpoint = new HostileEndpoint
        {
            Method = HttpMethod.Post,
            PathTemplate = "/api/messages",
            ValidBody = activity.ToJsonString(),
            AuthHeaders = () => new Dictionary<string, string> { ["Authorization"] = "Bearer " + _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl) },
            MaxBodyBytes = TeamsEndpoint.MaxBodyBytes,
            StrictJson = false,
        };
        var before = await TicketsAsync();

        var tried = 0;
        var failures = new List<string>();
        foreach (var hostile in HostileRequests.For(endpoint))
        {
            tried++;
            using var request = hostile.ToRequest();
            using var response = await _client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500 || (hostile.MustRefuse && status is < 400 or > 499))
            {
                failures.Add($"{hostile}: {status}");
            }
        }

        output.WriteLine($"{tried} hostile requests tried against /api/messages; {failures.Count} failed.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.True(tried > 100, $"only {tried} cases");
        Assert.Equal(before, await TicketsAsync());
    }

    private async Task<string> TicketsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tickets?limit=100");
        request.Headers.Add("x-api-key", BotHostFactory.TechKey);
        return await (await _client.SendAsync(request)).Content.ReadAsStringAsync();
    }
}
