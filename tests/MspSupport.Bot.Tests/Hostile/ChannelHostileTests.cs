using System.Globalization;
using System.Text;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Bot.Tests.Channels.Slack;
using MspSupport.Bot.Tests.Channels.WebChat;
using MspSupport.Testing.Hostile;
using Xunit.Abstractions;

namespace MspSupport.Bot.Tests.Hostile;

/// <summary>
/// The Slack routes and the Direct Line routes of the real bot host against the hostile battery: never a 5xx, a 4xx
/// wherever no correct server could accept the request, and no ticket written. Slack cases about the body are signed
/// over the hostile body with the real secret, so that the parser, not the signature check, is what gets judged.
/// </summary>
public sealed class ChannelHostileTests(SlackHost slack, ITestOutputHelper output) : IClassFixture<SlackHost>
{
    [Theory]
    [InlineData("/slack/events", """{"token":"x","team_id":"T0CONTOSO","api_app_id":"A1","type":"event_callback","event_id":"Ev1","event_time":1,"event":{"type":"message","channel_type":"im","channel":"D0HOSTILE","user":"U0HOSTILE","text":"create a ticket for the printer","ts":"1800000000.000100"}}""")]
    [InlineData("/slack/interactions", """{"type":"block_actions","team":{"id":"T0CONTOSO"},"user":{"id":"U0HOSTILE"},"actions":[{"action_id":"a","value":"v"}]}""")]
    [InlineData("/slack/commands", """{"command":"/ticket","text":"list","team_id":"T0CONTOSO","user_id":"U0HOSTILE","channel_id":"C0HOSTILE"}""")]
    public async Task Slack_routes_refuse_hostile_requests_cleanly(string path, string validBody)
    {
        var endpoint = new HostileEndpoint { Method = HttpMethod.Post, PathTemplate = path, ValidBody = validBody, MaxBodyBytes = SlackRequestVerifier.MaxBodyBytes, StrictJson = false };
        var before = await TicketsAsync();

        var (tried, failures) = await RunAsync(slack.Client, endpoint, hostile =>
        {
            var request = hostile.ToRequest();
            if (hostile.Family != "auth")
            {
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                request.Headers.TryAddWithoutValidation(SlackRequestVerifier.TimestampHeader, timestamp);
                request.Headers.TryAddWithoutValidation(SlackRequestVerifier.SignatureHeader, SlackRequestVerifier.Sign(SlackHostFactory.SigningSecret, timestamp, hostile.Body ?? []));
            }

            return request;
        });

        output.WriteLine($"{tried} hostile requests tried against {path}; {failures.Count} failed.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.True(tried > 50, $"only {tried} cases");
        Assert.Equal(before, await TicketsAsync());
    }

    [Fact]
    public async Task Direct_Line_routes_refuse_hostile_requests_cleanly()
    {
        using var host = new WebChatHostFactory();
        using var http = host.CreateClient();
        var client = new DirectLineClient(http);
        var (conversation, token, _) = await client.StartAsync("hostile-user");
        var auth = () => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        var endpoints = new[]
        {
            new HostileEndpoint
            {
                Method = HttpMethod.Post, PathTemplate = "/v3/directline/conversations/{id}/activities", PathValues = new Dictionary<string, string> { ["id"] = conversation },
                ValidBody = """{"type":"message","from":{"id":"hostile-user"},"text":"create a ticket for the printer"}""", AuthHeaders = auth, StrictJson = false, MaxBodyBytes = 256 * 1024,
            },
            new HostileEndpoint
            {
                Method = HttpMethod.Get, PathTemplate = "/v3/directline/conversations/{id}/activities", PathValues = new Dictionary<string, string> { ["id"] = conversation },
                ValidQuery = "watermark=0", AuthHeaders = auth,
            },
            new HostileEndpoint { Method = HttpMethod.Post, PathTemplate = "/v3/directline/tokens/refresh", AuthHeaders = auth },
        };
        var before = await client.ActivitiesAsync(conversation, token);

        var total = 0;
        foreach (var endpoint in endpoints)
        {
            var (tried, failures) = await RunAsync(http, endpoint, hostile => hostile.ToRequest());
            output.WriteLine($"{tried} hostile requests tried against {endpoint.Method} {endpoint.PathTemplate}; {failures.Count} failed.");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
            total += tried;
        }

        Assert.True(total > 100, $"only {total} cases");
        using var tickets = new HttpRequestMessage(HttpMethod.Get, "/tickets?limit=100");
        tickets.Headers.Add("x-api-key", WebChatHostFactory.TechKey);
        Assert.DoesNotContain("TKT-", await (await http.SendAsync(tickets)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await client.ActivitiesAsync(conversation, token)).ToJsonString());
    }

    private static async Task<(int Tried, List<string> Failures)> RunAsync(HttpClient client, HostileEndpoint endpoint, Func<HostileCase, HttpRequestMessage> build)
    {
        var tried = 0;
        var failures = new List<string>();
        foreach (var hostile in HostileRequests.For(endpoint))
        {
            tried++;
            using var request = build(hostile);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (InvalidOperationException) when (hostile.Path.Contains("%00", StringComparison.Ordinal))
            {
                continue; // the in-memory test server refuses a NUL in the path itself (Kestrel answers 400)
            }

            using var answered = response;
            var status = (int)response.StatusCode;
            if (status >= 500 || (hostile.MustRefuse && status is < 400 or > 499))
            {
                failures.Add($"{hostile}: {status} {Truncate(await response.Content.ReadAsStringAsync())}");
            }
        }

        return (tried, failures);
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;

    private async Task<string> TicketsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tickets?limit=100");
        request.Headers.Add("x-api-key", SlackHostFactory.TechKey);
        return Encoding.UTF8.GetString(await (await slack.Client.SendAsync(request)).Content.ReadAsByteArrayAsync());
    }
}
