using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MspSupport.Core.Agent;
using MspSupport.Core.Identity;
using MspSupport.Core.Memory;
using MspSupport.Core.Tickets;

namespace MspSupport.Bench.Agent;

/// <summary>
/// A tier-0 turn end to end as a channel sees it: load the conversation, route, read the ticket from SQLite as the
/// caller, build the ticket card, save the conversation. No model is configured.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AgentTurnBenchmark
{
    private static readonly CallerIdentity Caller = new() { Channel = "web", UserId = "bench", Role = CallerRole.Customer, CustomerId = "contoso", DisplayName = "Bench" };
    private string _folder = string.Empty;
    private ServiceProvider? _services;
    private IAgent? _agent;
    private Turn? _turn;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("msp-bench-agent-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = Path.Combine(_folder, "msp.db") })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTickets(configuration, _folder);
        services.AddMemory(configuration);
        services.AddAgent(configuration);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<ITicketStore>().InitializeAsync(default).GetAwaiter().GetResult();
        _services.GetRequiredService<IConversationStore>().InitializeAsync(default).GetAwaiter().GetResult();
        _services.GetRequiredService<IMemoryStore>().InitializeAsync(default).GetAwaiter().GetResult();
        var ticket = _services.GetRequiredService<TicketService>()
            .CreateAsync(Caller, new NewTicketRequest { Title = "Printer offline on floor 2" }, null, default).GetAwaiter().GetResult().Value!;
        _agent = _services.GetRequiredService<IAgent>();
        _turn = new Turn { Caller = Caller, ConversationId = "bench-conversation", Text = $"status of {ticket.TicketId}" };
    }

    [Benchmark]
    public async Task<int> StatusTurn()
    {
        var events = 0;
        await foreach (var item in _agent!.RunAsync(_turn!, default))
        {
            events++;
        }

        return events;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
