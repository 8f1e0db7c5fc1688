using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Testing;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Bot.Tests.Channels.WebChat;

/// <summary>
/// The real bot host (ticket API, agent with no model, SQLite, the bundled knowledge base) with the web chat on, local
/// mode for customer <c>contoso</c>, or signed mode when <paramref name="identitySecret"/> is given. Direct Line tokens
/// run on <see cref="Clock"/> so that tests can expire them without waiting.
/// </summary>
internal sealed class WebChatHostFactory(string? identitySecret = null) : WebApplicationFactory<MspSupport.Bot.Channels.WebChat.WebChatAgentBridge>
{
    public const string TechKey = "webchat-test-tech-key";
    public const string SigningKey = "web-chat-test-signing-key-0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("msp-webchat-host").FullName;

    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(_folder, "bot.db"),
            ["Knowledge:SourcePath"] = Path.Combine(RepositoryRoot.Path, "knowledge"),
            ["Knowledge:IndexPath"] = Path.Combine(_folder, "knowledge"),
            ["Auth:ApiKeys:0:Name"] = "tech",
            ["Auth:ApiKeys:0:Hash"] = ApiKeyHash.HexOf(TechKey),
            ["Auth:ApiKeys:0:Role"] = "Technician",
            ["WebChat:TokenSigningKey"] = SigningKey,
            ["WebChat:MaxActivityBytes"] = "4096",
            ["WebChat:Auth:LocalCustomerId"] = "contoso",
            ["WebChat:MspName"] = "Contoso IT",
        };
        if (identitySecret is not null)
        {
            settings["WebChat:Auth:Mode"] = "signed";
            settings["WebChat:Auth:IdentitySecret"] = identitySecret;
            settings["Identity:Tenants:0:Channel"] = "web";
            settings["Identity:Tenants:0:TenantId"] = "fabrikam-portal";
            settings["Identity:Tenants:0:CustomerId"] = "fabrikam";
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<DirectLineTokens>();
            services.AddSingleton(sp => new DirectLineTokens(sp.GetRequiredService<IOptions<WebChatOptions>>(), Clock));
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
