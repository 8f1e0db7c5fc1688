using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Core.Knowledge;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Bot.Tests;

/// <summary>
/// The real bot host for tests: the ticket API (one technician key, <paramref name="techKey"/>), the agent with no
/// model, SQLite, files and the knowledge index in a temporary folder, the bundled knowledge base. With
/// <paramref name="teams"/>, Teams is on against that Bot Connector stand-in (one MSP technician in the identity
/// directory) and the host's HttpClients trust the stand-in's certificate. Each channel's factory adds its settings.
/// Any type of the bot host's assembly names its entry point (both hosts have a generated public Program).
/// </summary>
internal abstract class AssistantHostFactory(string name, string techKey, BotConnectorStandIn? teams = null)
    : WebApplicationFactory<MspSupport.Bot.Channels.Teams.TeamsAgentHandler>
{
    private readonly string _folder = Directory.CreateTempSubdirectory($"msp-{name}-host").FullName;

    public string Folder => _folder;

    /// <summary>Slack on, single-workspace, against a Web API stand-in, with its files under <see cref="Folder"/> and edits not throttled.</summary>
    protected void AddSlackStandInSettings(IDictionary<string, string?> settings, string apiBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Slack:SigningSecret"] = Channels.Slack.SlackHostFactory.SigningSecret;
        settings["Slack:BotToken"] = Channels.Slack.SlackHostFactory.BotToken;
        settings["Slack:ApiBaseUrl"] = apiBaseUrl;
        settings["Slack:InstallationsPath"] = Path.Combine(Folder, "installations");
        settings["Slack:KeyRingPath"] = Path.Combine(Folder, "keys");
        settings["Slack:StreamUpdateInterval"] = "00:00:00";
    }

    /// <summary>The Bot Connector stand-in Teams points at, when Teams is on.</summary>
    protected BotConnectorStandIn? Teams => teams;

    /// <summary>
    /// Starts the host if needed and waits for the start-up ingestion of the knowledge base: what the assistant answers
    /// (and when it hands over to a technician) depends on what the index holds.
    /// </summary>
    public async Task WaitForKnowledgeAsync()
    {
        var ingestion = Services.GetServices<IHostedService>().OfType<KnowledgeStartupIngestion>().Single();
        if (ingestion.ExecuteTask is { } running)
        {
            await running;
        }
    }

    /// <summary>The channel's own settings, added to (and overriding) the common ones.</summary>
    protected abstract void AddSettings(IDictionary<string, string?> settings);

    /// <summary>Test replacements of the host's services, if the channel needs any.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(_folder, "bot.db"),
            ["Tickets:Attachments:Path"] = Path.Combine(_folder, "attachments"),
            ["Knowledge:SourcePath"] = Path.Combine(RepositoryRoot.Path, "knowledge"),
            ["Knowledge:IndexPath"] = Path.Combine(_folder, "knowledge"),
            ["Auth:ApiKeys:0:Name"] = "tech",
            ["Auth:ApiKeys:0:Hash"] = ApiKeyHash.HexOf(techKey),
            ["Auth:ApiKeys:0:Role"] = "Technician",
        };
        if (teams is not null)
        {
            settings["Teams:AppId"] = TeamsHost.AppId;
            settings["Teams:AppPassword"] = "test-secret";
            settings["Teams:OpenIdMetadataUrl"] = teams.OpenIdMetadataUrl;
            settings["Teams:TokenAuthority"] = teams.TokenAuthority;
            settings["Identity:Users:0:Channel"] = "teams";
            settings["Identity:Users:0:TenantId"] = BotHostFactory.MspTenant;
            settings["Identity:Users:0:UserId"] = BotHostFactory.TechnicianAadId;
            settings["Identity:Users:0:Role"] = "Technician";
            settings["Identity:Users:0:DisplayName"] = "Bob (MSP)";
        }

        AddSettings(settings);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (teams is not null)
            {
                services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                            errors == SslPolicyErrors.None || teams.IsOwnCertificate(certificate as X509Certificate2),
                    },
                }));
            }

            ConfigureServices(services);
        });
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
