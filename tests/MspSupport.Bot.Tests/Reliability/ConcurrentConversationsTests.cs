using System.Diagnostics;
using MspSupport.Testing.Fakes;
using Xunit.Abstractions;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// The load suite: customers in Teams, Slack and the web chat and callers of the ticket API file tickets all at once,
/// some requests sent twice or three times as real clients do, against one real host; then the store is counted.
/// Derived classes run it on each storage the host supports.
/// </summary>
public abstract class ConcurrentConversationsTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Conversations per channel (and ticket API callers).</summary>
    private const int PerChannel = 15;

    private readonly BotConnectorStandIn _teams = new();
    private SlackApiStandIn _slack = null!;
    private ReliabilityHostFactory _host = null!;
    private HttpClient _client = null!;

    /// <summary>Where the host keeps tickets and conversations: null for the embedded default (SQLite).</summary>
    protected abstract IReadOnlyDictionary<string, string?>? Storage { get; }

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _host = new ReliabilityHostFactory(_teams, _slack, Storage);
        _client = _host.CreateClient();
        await _host.WaitForKnowledgeAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
    }

    [Fact]
    public async Task Tickets_filed_at_once_across_channels_with_resends_are_each_stored_exactly_once()
    {
        var traffic = new ChannelTraffic(_client, _teams, _slack);
        var watch = Stopwatch.StartNew();
        var work = new List<Task<FiledTicket>>();
        for (var n = 0; n < PerChannel; n++)
        {
            work.Add(traffic.TeamsAsync(n, doubleSubmit: n % 3 == 0));
            work.Add(traffic.SlackAsync(n, eventRetries: n % 3 == 1 ? 2 : 0, doubleSubmit: n % 5 == 0));
            work.Add(traffic.WebAsync(n, doubleSubmit: n % 4 == 1));
            work.Add(traffic.ApiAsync(n, repeats: n % 3 == 2 ? 2 : 0));
        }

        var filed = await Task.WhenAll(work);
        var elapsed = watch.Elapsed;
        var stored = await traffic.StoredAsync();

        // Every conversation was told of its own ticket, and the store holds exactly those: none lost, none twice.
        Assert.Equal(filed.Length, filed.Select(f => f.TicketId).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(stored.GroupBy(t => t.Title, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(
            filed.Select(f => $"{f.TicketId} {f.Title}").Order(StringComparer.Ordinal),
            stored.Select(t => $"{t.Id} {t.Title}").Order(StringComparer.Ordinal));

        // Slack's re-sent events were answered once: one form per DM.
        for (var n = 0; n < PerChannel; n++)
        {
            Assert.Equal(1, traffic.SlackFormsIn(traffic.SlackDm(n)));
        }

        output.WriteLine($"storage: {(Storage is null ? "SQLite (embedded default)" : "DynamoDB (dynalite)")}");
        output.WriteLine($"conversations: {filed.Count(f => f.Channel != "api")} ({string.Join(", ", filed.Where(f => f.Channel != "api").GroupBy(f => f.Channel).Select(g => $"{g.Key} {g.Count()}"))}), ticket API callers: {filed.Count(f => f.Channel == "api")}");
        output.WriteLine($"tickets filed: {filed.Length}, stored: {stored.Count}, duplicates: {stored.Count - stored.Select(t => t.Title).Distinct(StringComparer.Ordinal).Count()}");
        output.WriteLine($"re-sends: {filed.Sum(f => f.Resends)} ({string.Join(", ", filed.GroupBy(f => f.Channel).Select(g => $"{g.Key} {g.Sum(f => f.Resends)}"))})");
        output.WriteLine($"load took {elapsed.TotalSeconds:F1} s");
    }
}
