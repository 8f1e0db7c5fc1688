using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>The Bot Framework protocol as Teams speaks it, with real payloads recorded from Teams (../shared/fixtures/teams).</summary>
public sealed class TeamsProtocolTests : IClassFixture<TeamsHostFixture>
{
    private readonly BotConnectorStandIn _connector;
    private readonly RecordingHandler _handler;
    private readonly TeamsHost _host;

    public TeamsProtocolTests(TeamsHostFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.Reset();
        _connector = fixture.Connector;
        _handler = fixture.Handler;
        _host = fixture.Host;
    }

    [Fact]
    public async Task A_signed_message_reaches_the_bot_and_the_reply_goes_back_with_an_outbound_token()
    {
        var activity = Fixture("message-personal.json");

        var response = await PostAsync(activity, _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));
        var sent = Assert.Single(await _connector.WaitForSentAsync(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unlink ", Assert.Single(await ReceivedAsync(1)).Text);
        Assert.Equal($"POST /teams/v3/conversations/{activity["conversation"]!["id"]}/activities/{activity["id"]}", (string)sent["_path"]!);
        Assert.StartsWith("Bearer outbound-token-", (string)sent["_auth"]!, StringComparison.Ordinal);
        Assert.Equal("echo: unlink ", (string)sent["text"]!);
        Assert.Equal((string)activity["id"]!, (string)sent["replyToId"]!);
        Assert.Equal((string)activity["from"]!["id"]!, (string)sent["recipient"]!["id"]!);
        Assert.Equal((string)activity["recipient"]!["id"]!, (string)sent["from"]!["id"]!);
    }

    public static TheoryData<string> RefusedTokens =>
    [
        "no header", "not a jwt", "expired", "wrong audience", "wrong issuer", "key not endorsed for msteams",
        "serviceUrl mismatch", "unknown signing key", "unsigned",
    ];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Refused_tokens_get_401_and_nothing_is_processed(string kind)
    {
        var activity = Fixture("message-personal.json");
        var tokenRequestsBefore = _connector.TokenRequests;
        using var stranger = RSA.Create(2048);
        var token = kind switch
        {
            "no header" => null,
            "not a jwt" => "abc.def",
            "expired" => _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong audience" => _connector.CreateChannelToken("another-bot", _connector.ServiceUrl),
            "wrong issuer" => _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl, issuer: "https://sts.windows.net/evil/"),
            "key not endorsed for msteams" => _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl, signWithWebChatOnlyKey: true),
            "serviceUrl mismatch" => _connector.CreateChannelToken(TeamsHost.AppId, "https://attacker.example/teams/"),
            "unknown signing key" => _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl, unknownKey: new RsaSecurityKey(stranger) { KeyId = "teams-key" }),
            _ => Unsigned(),
        };

        var response = await PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await ReceivedAsync(0));
        Assert.Empty(_connector.Sent);
        Assert.Equal(tokenRequestsBefore, _connector.TokenRequests);
    }

    [Fact]
    public async Task A_token_for_another_service_url_cannot_make_the_bot_send_its_token_there()
    {
        var activity = Fixture("message-personal.json");
        activity["serviceUrl"] = "https://attacker.example/teams/";

        var response = await PostAsync(activity, _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(_host.Services.GetRequiredService<TrustedServiceUrls>().IsTrusted("https://attacker.example/teams/"));
    }

    [Fact]
    public async Task The_connector_client_refuses_service_urls_no_authenticated_activity_came_from()
    {
        var client = _host.Services.GetRequiredService<ConnectorClient>();
        var tokenRequestsBefore = _connector.TokenRequests;

        await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync("https://attacker.example/", "conv", new Activity { Type = "message", Text = "hi" }, null, CancellationToken.None));

        Assert.Equal(tokenRequestsBefore, _connector.TokenRequests);
    }

    [Fact]
    public async Task Unknown_fields_of_real_payloads_are_kept()
    {
        var original = Fixture("message-channel-mention.json");

        var activity = System.Text.Json.JsonSerializer.Deserialize(original.ToJsonString(), TeamsJsonContext.Default.Activity)!;
        var written = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(activity, TeamsJsonContext.Default.Activity))!;

        Assert.True(JsonNode.DeepEquals(original, written), written.ToJsonString());
    }

    [Theory]
    [InlineData("conversationUpdate-personal-bot-added.json")]
    [InlineData("conversationUpdate-team-bot-added.json")]
    [InlineData("conversationUpdate-team-bot-removed.json")]
    [InlineData("message-channel-mention.json")]
    public async Task Every_recorded_teams_payload_is_accepted(string fixture)
    {
        var activity = Fixture(fixture);

        var response = await PostAsync(activity, _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((string)activity["type"]!, Assert.Single(await ReceivedAsync(1)).Type);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"message\"}")]
    public async Task A_malformed_activity_with_a_valid_token_gets_400(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await ReceivedAsync(0));
    }

    [Fact]
    public async Task Throttled_sends_are_retried_and_outbound_tokens_are_cached()
    {
        _connector.FailNextSends(2);

        await PostAsync(Fixture("message-personal.json"), _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));
        await PostAsync(Fixture("message-personal.json"), _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));
        var sent = await _connector.WaitForSentAsync(2);

        Assert.Equal(2, sent.Count);
        Assert.Equal(1, _connector.TokenRequests); // one token for the whole class: its host's MSAL cache keeps it
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _host.Client.SendAsync(request);
    }

    /// <summary>A recorded Teams payload, pointed at the stand-in's serviceUrl.</summary>
    private JsonObject Fixture(string name)
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", name);
        var activity = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        activity["serviceUrl"] = _connector.ServiceUrl;
        return activity;
    }

    private static string Unsigned()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        return $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part($$"""{"iss":"https://api.botframework.com","aud":"{{TeamsHost.AppId}}","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""")}.";
    }

    /// <summary>
    /// What reached the handler once <paramref name="count"/> activities have (messages are handled after the
    /// acknowledgement); for zero, after a pause in which a wrongly accepted activity would have arrived.
    /// </summary>
    private async Task<IReadOnlyList<Activity>> ReceivedAsync(int count)
    {
        var deadline = DateTime.UtcNow + (count == 0 ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(10));
        while ((count == 0 || _handler.Received.Count < count) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return [.. _handler.Received];
    }
}
