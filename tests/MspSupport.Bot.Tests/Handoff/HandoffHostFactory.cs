using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>
/// The real bot host with the web chat (local mode: customer <c>contoso</c>), Teams against the Bot Connector stand-in
/// (a Teams customer tenant for <c>fabrikam</c>, whose drafts need review; one MSP technician) and the triage channel
/// pointed at a channel of the stand-in. At most three web conversations are held, so a test can lose one on purpose.
/// </summary>
internal sealed class HandoffHostFactory(BotConnectorStandIn connector) : WebApplicationFactory<MspSupport.Bot.Channels.Teams.TeamsAgentHandler>
{
    public const string TriageChannel = "19:triage0123456789@thread.tacv2";
    public const string FabrikamTenant = "7a7a7a7a-1111-4222-8333-fab000000001";
    public const string TechKey = "handoff-test-tech-key";

    private readonly string _folder = Directory.CreateTempSubdirectory("msp-handoff-host").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(_folder, "bot.db"),
            ["Tickets:Attachments:Path"] = Path.Combine(_folder, "attachments"),
            ["Knowledge:SourcePath"] = Path.Combine(RepositoryRoot.Path, "knowledge"),
            ["Knowledge:IndexPath"] = Path.Combine(_folder, "knowledge"),
            ["Auth:ApiKeys:0:Name"] = "tech",
            ["Auth:ApiKeys:0:Hash"] = ApiKeyHash.HexOf(TechKey),
            ["Auth:ApiKeys:0:Role"] = "Technician",
            ["Teams:AppId"] = TeamsHost.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = connector.OpenIdMetadataUrl,
            ["Teams:TokenAuthority"] = connector.TokenAuthority,
            ["Identity:Tenants:0:Channel"] = "teams",
            ["Identity:Tenants:0:TenantId"] = FabrikamTenant,
            ["Identity:Tenants:0:Role"] = "Customer",
            ["Identity:Tenants:0:CustomerId"] = "fabrikam",
            ["Identity:Users:0:Channel"] = "teams",
            ["Identity:Users:0:TenantId"] = BotHostFactory.MspTenant,
            ["Identity:Users:0:UserId"] = BotHostFactory.TechnicianAadId,
            ["Identity:Users:0:Role"] = "Technician",
            ["Identity:Users:0:DisplayName"] = "Bob (MSP)",
            ["WebChat:TokenSigningKey"] = "handoff-test-signing-key-0123456789abcdef",
            ["WebChat:Auth:LocalCustomerId"] = "contoso",
            ["WebChat:MaxConversations"] = "3",
            ["Handoff:Triage:Default:ServiceUrl"] = connector.ServiceUrl,
            ["Handoff:Triage:Default:ConversationId"] = TriageChannel,
            ["Handoff:Triage:Default:TenantId"] = BotHostFactory.MspTenant,
            ["Handoff:ReviewCustomers:0"] = "fabrikam",
            ["Handoff:DeliveryAttempts"] = "2",
            ["Handoff:DeliveryRetryDelayMilliseconds"] = "10",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || connector.IsOwnCertificate(certificate as X509Certificate2),
            },
        })));
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
