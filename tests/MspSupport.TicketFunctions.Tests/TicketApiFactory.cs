using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>
/// The real ticket API in process, on its own SQLite file, with four test keys (one per role, two customers).
/// Extra settings override the defaults, the way a user's appsettings or environment would.
/// </summary>
public sealed class TicketApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public const string TechKey = "test-tech-key";
    public const string ContosoKey = "test-contoso-key";
    public const string FabrikamKey = "test-fabrikam-key";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-api-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public TicketApiFactory(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(_folder, "tickets.db"),
            ["Tickets:Attachments:Path"] = Path.Combine(_folder, "attachments"),
            ["Tickets:Attachments:MaxBytes"] = "4096",
            ["RateLimiting:Burst"] = "100000",
            ["RateLimiting:PerSecond"] = "100000",
        };
        AddKey(0, "admin", AdminKey, "Admin", null);
        AddKey(1, "tech", TechKey, "Technician", null);
        AddKey(2, "contoso-portal", ContosoKey, "Customer", "contoso");
        AddKey(3, "fabrikam-portal", FabrikamKey, "Customer", "fabrikam");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath => Path.Combine(_folder, "tickets.db");

    public string AttachmentsPath => Path.Combine(_folder, "attachments");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void AddKey(int index, string name, string key, string role, string? customerId)
    {
        _settings[$"Auth:ApiKeys:{index}:Name"] = name;
        _settings[$"Auth:ApiKeys:{index}:Hash"] = ApiKeyHash.HexOf(key);
        _settings[$"Auth:ApiKeys:{index}:Role"] = role;
        _settings[$"Auth:ApiKeys:{index}:CustomerId"] = customerId;
    }
}
