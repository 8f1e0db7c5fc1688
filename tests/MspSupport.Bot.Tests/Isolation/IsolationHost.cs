using System.Text.Json.Nodes;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// One bot host with every channel on, its stand-ins, and customer B's ticket (<see cref="BobsTicket"/>) filed through
/// the ticket API with the technician key. Tests compare the ticket as a technician reads it with <see cref="Filed"/>.
/// </summary>
public sealed class IsolationHost : IAsyncLifetime
{
    private BobsTicket _bobs = null!;

    public BotConnectorStandIn Connector { get; } = new();

    internal SlackApiStandIn Slack { get; private set; } = null!;

    internal IsolationHostFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>B's ticket id.</summary>
    public string BobsTicketId => _bobs.Id;

    /// <summary>The id of the file on B's ticket.</summary>
    public string BobsAttachmentId => _bobs.AttachmentId;

    /// <summary>B's ticket as a technician read it right after filing it.</summary>
    public JsonObject Filed => _bobs.Filed;

    public async Task InitializeAsync()
    {
        Slack = await SlackApiStandIn.StartAsync();
        Factory = new IsolationHostFactory(Connector, Slack);
        Client = Factory.CreateClient();
        await Factory.WaitForKnowledgeAsync();
        _bobs = await BobsTicket.FileAsync(Client, IsolationHostFactory.TechKey);
    }

    /// <summary>B's ticket as a technician reads it now.</summary>
    public Task<JsonObject> BobsTicketAsync() => _bobs.ReadAsync();

    /// <inheritdoc cref="BobsTicket.AssertUntouchedAsync"/>
    public Task AssertBobsTicketUntouchedAsync() => _bobs.AssertUntouchedAsync();

    /// <inheritdoc cref="BobsTicket.AssertNothingOfBobs"/>
    public static void AssertNothingOfBobs(string seen) => BobsTicket.AssertNothingOfBobs(seen);

    /// <inheritdoc cref="BobsTicket.AssertToldNoSuchTicket"/>
    public static void AssertToldNoSuchTicket(string seen) => BobsTicket.AssertToldNoSuchTicket(seen);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, JsonObject? body = null) =>
        BobsTicket.SendAsync(Client, method, path, key, body);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
