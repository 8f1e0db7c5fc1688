using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>
/// The real bot host (ticket API, agent with no model, SQLite, the bundled knowledge base) with the Slack channel on,
/// pointed at the Slack Web API stand-in the way an operator points it at Slack (signing secret, bot token, API base URL).
/// Workspace <see cref="ContosoTeam"/> belongs to customer contoso, <see cref="FabrikamTeam"/> to fabrikam.
/// </summary>
/// With <c>teams</c>, Teams is on as well (against the Bot Connector stand-in, one MSP technician) and escalations go
/// to a triage channel there: the set-up of the handoff tests' Slack customer.
internal sealed class SlackHostFactory(SlackApiStandIn slack, IReadOnlyDictionary<string, string?>? extra = null, BotConnectorStandIn? teams = null)
    : WebApplicationFactory<MspSupport.Bot.Channels.Teams.TeamsAgentHandler>
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
        if (teams is not null)
        {
            settings["Teams:AppId"] = Teams.TeamsHost.AppId;
            settings["Teams:AppPassword"] = "test-secret";
            settings["Teams:OpenIdMetadataUrl"] = teams.OpenIdMetadataUrl;
            settings["Teams:TokenAuthority"] = teams.TokenAuthority;
            settings["Identity:Users:0:Channel"] = "teams";
            settings["Identity:Users:0:TenantId"] = Teams.BotHostFactory.MspTenant;
            settings["Identity:Users:0:UserId"] = Teams.BotHostFactory.TechnicianAadId;
            settings["Identity:Users:0:Role"] = "Technician";
            settings["Identity:Users:0:DisplayName"] = "Bob (MSP)";
            settings["Handoff:Triage:Default:ServiceUrl"] = teams.ServiceUrl;
            settings["Handoff:Triage:Default:ConversationId"] = Handoff.HandoffHostFactory.TriageChannel;
            settings["Handoff:Triage:Default:TenantId"] = Teams.BotHostFactory.MspTenant;
            builder.ConfigureTestServices(services => services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                        errors == SslPolicyErrors.None || teams.IsOwnCertificate(certificate as X509Certificate2),
                },
            })));
        }

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
