using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>The handoff host with a model: both tiers on an OpenAI-compatible stand-in that searches the knowledge base, answers and summarizes.</summary>
public sealed class ModelHandoffFixture : IAsyncLifetime
{
    public const string Answer = "Here is what the knowledge base says about it [1].";
    public const string Summary = "- Customer asks about something the runbooks do not cover (summary 6631).";

    public BotConnectorStandIn Connector { get; } = new();

    public RecordingHttpServer Model { get; private set; } = null!;

    internal HandoffHostFactory Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await RecordingHttpServer.StartAsync(SupportModelStandIn.Answering(Answer, Summary));
        var baseUrl = new Uri(Model.BaseAddress, "v1").ToString();
        Host = new HandoffHostFactory(Connector, new Dictionary<string, string?>
        {
            ["Agent:Models:Cheap:Provider"] = "OpenAI",
            ["Agent:Models:Cheap:BaseUrl"] = baseUrl,
            ["Agent:Models:Cheap:ModelId"] = "small",
            ["Agent:Models:Capable:Provider"] = "OpenAI",
            ["Agent:Models:Capable:BaseUrl"] = baseUrl,
            ["Agent:Models:Capable:ModelId"] = "large",
        });
        Client = Host.CreateClient();
        await Host.WaitForKnowledgeAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Model.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
