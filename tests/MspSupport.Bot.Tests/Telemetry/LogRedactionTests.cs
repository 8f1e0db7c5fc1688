using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Core.Agent.Models;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;
using MspSupport.Testing.Telemetry;

namespace MspSupport.Bot.Tests.Telemetry;

/// <summary>
/// Personal data and secrets fed through the real host at the most talkative log level (a chat turn whose model
/// client traces every message, a ticket filed with them in its description, a path holding an e-mail address,
/// refused bearer tokens and API keys) never reach a log provider.
/// </summary>
public sealed class LogRedactionTests : IAsyncLifetime
{
    private const string Email = "jane.doe@contoso.example.com";
    private const string Phone = "+1 415 555 2671";
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJqYW5lIiwiYXVkIjoieCJ9.c2lnbmF0dXJlLW5vdC12YWxpZA";
    private const string ApiKey = "Zx9-live-4f7c2a9e81b3";
    private const string SlackToken = "xoxb-2048-4096-R4nd0mS3cr3tT0k3n";

    private static readonly string[] Secrets = [Email, "415 555 2671", Jwt, Jwt[..20], ApiKey, SlackToken];

    private readonly BotConnectorStandIn _connector = new();
    private readonly CapturedLogs _logs = new();
    private readonly ScriptedChatClient _model = new() { FallbackText = "Thanks, I will look at Outlook with you." };
    private BotHostFactory _host = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<MspSupport.Bot.Channels.Teams.TeamsAgentHandler> _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotHostFactory(_connector);
        _app = _host.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
            builder.ConfigureTestServices(services => services.AddKeyedSingleton<IChatClient>(AgentModels.CheapClientKey, _model));
        });
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task No_email_phone_token_or_key_reaches_the_logs()
    {
        // A chat turn: the model client logs the whole conversation at Trace.
        var said = $"Outlook keeps asking for my password. Reach me at {Email} or {Phone}. The admin token is {Jwt}, our api_key={ApiKey} and the Slack bot uses {SlackToken}.";
        Assert.Equal(HttpStatusCode.OK, (await PostMessageAsync(said, _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl))).StatusCode);
        await _app.Services.WaitForTeamsTurnsAsync();
        Assert.NotEmpty(_model.Requests);

        // A ticket with the same in its description, then a path with an e-mail address in it.
        using (var create = new HttpRequestMessage(HttpMethod.Post, "/tickets"))
        {
            create.Headers.Add("x-api-key", BotHostFactory.TechKey);
            create.Content = new StringContent(new JsonObject
            {
                ["title"] = "Mailbox locked",
                ["description"] = said,
                ["priority"] = "high",
                ["category"] = "software",
                ["customerId"] = "contoso",
            }.ToJsonString(), Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(create)).StatusCode);
        }

        using (var lookup = new HttpRequestMessage(HttpMethod.Get, $"/tickets/{Email}"))
        {
            lookup.Headers.Add("x-api-key", BotHostFactory.TechKey);
            Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(lookup)).StatusCode);
        }

        // Refused credentials: a forged bearer on /api/messages, an unknown key and a bearer on the ticket API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostMessageAsync("hello", Jwt)).StatusCode);
        using (var badKey = new HttpRequestMessage(HttpMethod.Get, "/tickets"))
        {
            badKey.Headers.Add("x-api-key", ApiKey);
            badKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SlackToken);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(badKey)).StatusCode);
        }

        var text = _logs.AllText;
        Assert.True(_logs.Lines.Count > 20, "the host logged at Trace level");
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // They did reach the logging pipeline, and were replaced there.
        Assert.Contains("[email]", text, StringComparison.Ordinal);
        Assert.Contains("[jwt]", text, StringComparison.Ordinal);
        Assert.Contains("[slack-token]", text, StringComparison.Ordinal);
        Assert.Contains("[phone]", text, StringComparison.Ordinal);
        Assert.Contains("[redacted]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_lines_of_a_turn_carry_the_trace_and_conversation_ids()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostMessageAsync("How do I map a network drive?", _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl))).StatusCode);
        await _app.Services.WaitForTeamsTurnsAsync();

        var route = Assert.Single(_logs.Lines, l => l.Contains("SupportAgent: Route: tier", StringComparison.Ordinal));
        Assert.Contains("ConversationId=teams:", route, StringComparison.Ordinal);
        Assert.Matches("TraceId=[0-9a-f]{32}", route);
    }

    private async Task<HttpResponseMessage> PostMessageAsync(string text, string bearer)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", "message-personal.json")))!.AsObject();
        activity["serviceUrl"] = _connector.ServiceUrl;
        activity["id"] = $"f:{Guid.NewGuid()}";
        activity["text"] = text;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _client.SendAsync(request);
    }
}
