using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Memory;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Agent;

/// <summary>
/// The agent as a host wires it (AddTickets, AddMemory, AddAgent) on a SQLite file in temp space, optionally with
/// a knowledge index and scripted models. Tests talk to it only through turns and read the events.
/// </summary>
public sealed class AgentHarness : IAsyncDisposable
{
    public static readonly CallerIdentity Alice = new() { Channel = "slack", UserId = "U-ALICE", TenantId = "T1", Role = CallerRole.Customer, CustomerId = "contoso", DisplayName = "Alice" };
    public static readonly CallerIdentity Bob = new() { Channel = "slack", UserId = "U-BOB", TenantId = "T2", Role = CallerRole.Customer, CustomerId = "fabrikam", DisplayName = "Bob" };
    public static readonly CallerIdentity Tess = new() { Channel = "teams", UserId = "aad-tess", TenantId = "msp", Role = CallerRole.Technician, DisplayName = "Tess" };

    private readonly string _folder;
    private readonly ServiceProvider _services;

    private AgentHarness(ServiceProvider services, string folder)
    {
        _services = services;
        _folder = folder;
    }

    public IAgent Agent => _services.GetRequiredService<IAgent>();

    public TicketService Tickets => _services.GetRequiredService<TicketService>();

    public IMemoryStore Memory => _services.GetRequiredService<IMemoryStore>();

    public IConversationStore Conversations => _services.GetRequiredService<IConversationStore>();

    public IServiceProvider Services => _services;

    public static async Task<AgentHarness> StartAsync(
        IChatClient? cheap = null, IChatClient? capable = null, KnowledgeSearch? knowledge = null,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "msp-agent-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = Path.Combine(folder, "msp.db") };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTickets(configuration, folder);
        services.AddMemory(configuration);
        if (knowledge is not null)
        {
            services.AddSingleton(knowledge);
        }

        if (cheap is not null)
        {
            services.AddKeyedSingleton(Core.Agent.Models.AgentModels.CheapClientKey, cheap);
        }

        if (capable is not null)
        {
            services.AddKeyedSingleton(Core.Agent.Models.AgentModels.CapableClientKey, capable);
        }

        configure?.Invoke(services);
        services.AddAgent(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<ITicketStore>().InitializeAsync(CancellationToken.None);
        await provider.GetRequiredService<IConversationStore>().InitializeAsync(CancellationToken.None);
        await provider.GetRequiredService<IMemoryStore>().InitializeAsync(CancellationToken.None);
        return new AgentHarness(provider, folder);
    }

    /// <summary>Runs one turn and collects every event.</summary>
    /// <summary>The data a ticket form submits with <paramref name="title"/> typed in and the rest as prefilled.</summary>
    public static Dictionary<string, string> Submit(TicketFormCard form, string title) => new(form.Actions[0].Data)
    {
        ["title"] = title,
        ["description"] = form.Description,
        ["priority"] = form.Priority,
        ["category"] = form.Category,
    };

    public async Task<TurnReply> SayAsync(CallerIdentity caller, string text, string conversationId = "conv-1") =>
        await RunAsync(new Turn { Caller = caller, ConversationId = conversationId, Text = text });

    public async Task<TurnReply> PressAsync(CallerIdentity caller, string verb, IReadOnlyDictionary<string, string> data, string conversationId = "conv-1") =>
        await RunAsync(new Turn { Caller = caller, ConversationId = conversationId, Action = new CardAction(verb, data) });

    public async Task<TurnReply> RunAsync(Turn turn)
    {
        var events = new List<AgentEvent>();
        await foreach (var item in Agent.RunAsync(turn, CancellationToken.None))
        {
            events.Add(item);
        }

        return new TurnReply(events);
    }

    /// <summary>Files a ticket directly through the service, as <paramref name="caller"/>.</summary>
    public async Task<Ticket> FileAsync(CallerIdentity caller, string title, string? customerId = null)
    {
        var result = await Tickets.CreateAsync(caller, new NewTicketRequest { Title = title, CustomerId = customerId }, null, CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
