using MspSupport.Bot.Tests.Channels.WebChat;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// One host whose cheap tier is an OpenAI-compatible model stand-in that can be made slow or failing: one second per
/// attempt and one retry (<c>Agent:Models:Cheap:TimeoutSeconds</c> 1, <c>MaxRetries</c> 1), as an operator sets them.
/// </summary>
public sealed class ModelFaultHost : IAsyncLifetime
{
    public const string ModelId = "standin-small";
    /// <summary>Words only the model's answer contains (digits alone also turn up in timestamps and ids).</summary>
    public const string ModelAnswerMark = "model answer 7781";

    public const string ModelAnswer = $"Open aka.ms/sspr, verify with your phone and choose a new password ({ModelAnswerMark}).";

    public BotConnectorStandIn Teams { get; } = new();

    public FaultyChatCompletions Model { get; } = new(ModelAnswer);

    public HttpClient Client { get; private set; } = null!;

    private RecordingHttpServer _server = null!;
    private SlackApiStandIn _slack = null!;
    private ReliabilityHostFactory _host = null!;

    public async Task InitializeAsync()
    {
        _server = await RecordingHttpServer.StartAsync(Model.RespondAsync);
        _slack = await SlackApiStandIn.StartAsync();
        _host = new ReliabilityHostFactory(Teams, _slack, new Dictionary<string, string?>
        {
            ["Agent:Models:Cheap:Provider"] = "OpenAI",
            ["Agent:Models:Cheap:BaseUrl"] = new Uri(_server.BaseAddress, "v1").AbsoluteUri,
            ["Agent:Models:Cheap:ModelId"] = ModelId,
            ["Agent:Models:Cheap:TimeoutSeconds"] = "1",
            ["Agent:Models:Cheap:MaxRetries"] = "1",
            ["Agent:Models:Cheap:RetryDelayMilliseconds"] = "10",
        });
        Client = _host.CreateClient();
        await _host.WaitForKnowledgeAsync();
        await WarmUpAsync();
    }

    /// <summary>
    /// One question the model answers, before any fault is set: the first model call of the process compiles the
    /// whole model client path, which on a busy machine can take longer than the one-second attempt timeout, so that
    /// the attempt would time out before it reached the stand-in and the fault meant for it would go to a later turn.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var web = new DirectLineClient(Client);
        var (conversation, token, _) = await web.StartAsync("web-model-warm-up");
        await web.PostMessageAsync(conversation, token, "How do I reset my password with self-service password reset?");
        await Eventually.FindAsync(
            async () => await web.ActivitiesAsync(conversation, token) is var log && log.ToJsonString().Contains(ModelAnswerMark, StringComparison.Ordinal) ? log : null,
            () => "The model stand-in did not answer the warm-up question.");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _server.DisposeAsync();
        await Teams.DisposeAsync();
    }
}
