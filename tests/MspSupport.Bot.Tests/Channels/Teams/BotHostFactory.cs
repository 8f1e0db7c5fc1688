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

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// The real bot host (ticket API, agent with no model, SQLite, the bundled knowledge base) with Teams pointed at the
/// Bot Connector stand-in. A customer tenant maps to <c>contoso</c>; one MSP user is a technician.
/// Any type of the bot host's assembly names its entry point (both hosts have a generated public Program).
/// </summary>
internal sealed class BotHostFactory(
    BotConnectorStandIn connector,
    IReadOnlyDictionary<string, string?>? extraSettings = null,
    Action<IServiceCollection>? extraServices = null) : WebApplicationFactory<MspSupport.Bot.Channels.Teams.TeamsAgentHandler>
{
    public const string CustomerTenant = "f5ffd8cf-a1aa-4242-adad-86509faa3be5";
    public const string MspTenant = "0d0c0b0a-0000-4000-8000-000000000msp";
    public const string TechnicianAadId = "11111111-2222-4333-8444-555555555555";
    public const string TechKey = "bot-test-tech-key";

    private readonly string _folder = Directory.CreateTempSubdirectory("msp-bot-host").FullName;

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
            ["Identity:Tenants:0:TenantId"] = CustomerTenant,
            ["Identity:Tenants:0:Role"] = "Customer",
            ["Identity:Tenants:0:CustomerId"] = "contoso",
            ["Identity:Users:0:Channel"] = "teams",
            ["Identity:Users:0:TenantId"] = MspTenant,
            ["Identity:Users:0:UserId"] = TechnicianAadId,
            ["Identity:Users:0:Role"] = "Technician",
            ["Identity:Users:0:DisplayName"] = "Bob (MSP)",
        };
        foreach (var (key, value) in settings.Concat(extraSettings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                        errors == SslPolicyErrors.None || connector.IsOwnCertificate(certificate as X509Certificate2),
                },
            }));
            extraServices?.Invoke(services);
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
