using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Testing.Fakes;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>The OAuth v2 install flow in multi-workspace mode, against the stand-in's oauth.v2.access.</summary>
public sealed class SlackInstallTests : IAsyncLifetime
{
    private const string AdminKey = "slack-test-admin-key";
    private SlackApiStandIn _slack = null!;
    private SlackHostFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _factory = new SlackHostFactory(_slack, new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "",
            ["Slack:ClientId"] = "1234.5678",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:RedirectUrl"] = "https://bot.example-msp.com/slack/oauth/callback",
            ["Slack:AuthorizeUrl"] = new Uri(_slack.BaseAddress, "oauth/v2/authorize").AbsoluteUri,
            ["Auth:ApiKeys:1:Name"] = "admin",
            ["Auth:ApiKeys:1:Hash"] = ApiKeyHash.HexOf(AdminKey),
            ["Auth:ApiKeys:1:Role"] = "Admin",
        });
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task An_invited_workspace_installs_its_token_is_stored_encrypted_and_its_users_belong_to_the_customer()
    {
        var link = await CreateLinkAsync(AdminKey, "northwind");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var url = new Uri((string)JsonNode.Parse(await link.Content.ReadAsStringAsync())!["url"]!);
        Assert.StartsWith("https://bot.example-msp.com/slack/install?invite=", url.AbsoluteUri, StringComparison.Ordinal);

        var install = await _client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var authorize = install.Headers.Location!;
        Assert.StartsWith(new Uri(_slack.BaseAddress, "oauth/v2/authorize").AbsoluteUri, authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(string.Join(',', SlackScopes.Bot), query["scope"].ToString());
        Assert.Equal("1234.5678", query["client_id"].ToString());

        // A tampered state is refused before Slack is asked anything.
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"{SlackEndpoints.OAuthCallback}?code=abc&state=x{query["state"]}")).StatusCode);
        Assert.Empty(_slack.CallsOf("oauth.v2.access"));

        var callback = await _client.GetAsync($"{SlackEndpoints.OAuthCallback}?code=the-code&state={Uri.EscapeDataString(query["state"]!)}");
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var exchange = Assert.Single(_slack.CallsOf("oauth.v2.access"));
        Assert.Equal("the-code", exchange.Arg("code"));
        Assert.StartsWith("Basic ", exchange.Authorization, StringComparison.Ordinal);

        var stored = await File.ReadAllTextAsync(Path.Combine(_factory.Folder, "installations", "T0INSTALLED.json"));
        Assert.DoesNotContain("xoxb-installed-token", stored, StringComparison.Ordinal);
        Assert.Contains("northwind", stored, StringComparison.Ordinal);

        // The installed workspace is answered with its own token, and its users file tickets for the invited customer.
        var before = _slack.Calls.Count;
        await _client.SendAsync(SlackRequests.Command("T0INSTALLED", "U0NORTH", "C0NORTH", "new"));
        var opened = await _slack.WaitForAsync(c => c.Method == "views.open", before);
        Assert.Equal("Bearer xoxb-installed-token", opened.Authorization);
        await _client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission("T0INSTALLED", "U0NORTH", opened.Arguments["view"]!.AsObject(), new Dictionary<string, string> { ["title"] = "Scanner broken", ["priority"] = "Low", ["category"] = "Hardware" })));
        var posted = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arguments["blocks"] is not null, before);
        Assert.Contains("northwind", posted.Arguments["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_make_install_links_and_a_workspace_the_app_is_not_in_is_not_answered()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateLinkAsync(SlackHostFactory.TechKey, "northwind")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await CreateLinkAsync(AdminKey, "not a customer id!")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"{SlackEndpoints.Install}?invite=forged")).StatusCode);
        var answer = JsonNode.Parse(await (await _client.SendAsync(SlackRequests.Command("T0UNKNOWN", "U0X", "C0X", "list"))).Content.ReadAsStringAsync())!;
        Assert.Contains("not installed", (string?)answer["text"], StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> CreateLinkAsync(string key, string customer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SlackEndpoints.InstallLinks)
        {
            Content = new StringContent(new JsonObject { ["customerId"] = customer }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", key);
        return await _client.SendAsync(request);
    }
}
