using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>
/// The real bot host (ticket API, agent with no model, SQLite, the bundled knowledge base) with the Slack channel on,
/// pointed at the Slack Web API stand-in the way an operator points it at Slack (signing secret, bot token, API base URL).
/// Workspace <see cref="ContosoTeam"/> belongs to customer contoso, <see cref="FabrikamTeam"/> to fabrikam.
/// </summary>
internal sealed class SlackHostFactory(SlackApiStandIn slack, IReadOnlyDictionary<string, string?>? extra = null) : WebApplicationFactory<MspSupport.Bot.Channels.Teams.TeamsAgentHandler>
{
    public const string SigningSecret = "test-signing-secret-0123456789abcdef";
    public const string BotToken = "xoxb-test-bot-token";
    public const string BotUser = "U0ASSISTANT";
    public const string ContosoTeam = "T0CONTOSO";
    public const string FabrikamTeam = "T0FABRIKAM";
    public const string TechKey = "slack-test-tech-key";

    private readonly string _folder = Directory.CreateTempSubdirectory("msp-slack-host").FullName;

    public string Folder => _folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(_folder, "bot.db"),
            ["Knowledge:SourcePath"] = Path.Combine(RepositoryRoot.Path, "knowledge"),
            ["Knowledge:IndexPath"] = Path.Combine(_folder, "knowledge"),
            ["Knowledge:SourceBaseUrl"] = "https://kb.example-msp.com",
            ["Auth:ApiKeys:0:Name"] = "tech",
            ["Auth:ApiKeys:0:Hash"] = ApiKeyHash.HexOf(TechKey),
            ["Auth:ApiKeys:0:Role"] = "Technician",
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:InstallationsPath"] = Path.Combine(_folder, "installations"),
            ["Slack:KeyRingPath"] = Path.Combine(_folder, "keys"),
            ["Slack:StreamUpdateInterval"] = "00:00:00",
            ["Identity:Tenants:0:Channel"] = "slack",
            ["Identity:Tenants:0:TenantId"] = ContosoTeam,
            ["Identity:Tenants:0:CustomerId"] = "contoso",
            ["Identity:Tenants:1:Channel"] = "slack",
            ["Identity:Tenants:1:TenantId"] = FabrikamTeam,
            ["Identity:Tenants:1:CustomerId"] = "fabrikam",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // The knowledge index may still be closing; the temp folder is left for the OS to clean.
            }
        }
    }
}
