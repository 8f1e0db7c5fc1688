using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using MspSupport.Testing;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.WebChat.Tests;

/// <summary>
/// The real bot host on Kestrel at a free loopback port (a browser needs a real socket): web chat in local mode for
/// customer <c>contoso</c>, the bundled knowledge base, and both model tiers pointed at an OpenAI-compatible stand-in
/// that streams its answer.
/// </summary>
internal sealed class KestrelBotHost(Uri modelBaseUrl) : WebApplicationFactory<MspSupport.Bot.Channels.WebChat.WebChatAgentBridge>
{
    public const string TechKey = "webchat-browser-tech-key";
    private readonly string _folder = Directory.CreateTempSubdirectory("msp-webchat-browser").FullName;

    public int Port { get; } = FreePort.Next();

    public Uri Address => new($"http://127.0.0.1:{Port}/");

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
            ["WebChat:MspName"] = "Contoso IT",
            ["WebChat:PrimaryColor"] = "#6b2fa3",
            ["WebChat:Auth:LocalCustomerId"] = "contoso",
        };
        foreach (var tier in new[] { "Cheap", "Capable" })
        {
            settings[$"Agent:Models:{tier}:Provider"] = "OpenAI";
            settings[$"Agent:Models:{tier}:BaseUrl"] = new Uri(modelBaseUrl, "v1").ToString();
            settings[$"Agent:Models:{tier}:ModelId"] = $"standin-{tier.ToLowerInvariant()}";
            settings[$"Agent:Models:{tier}:ApiKey"] = "local-key";
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public void Start()
    {
        UseKestrel(Port);
        StartServer();
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
