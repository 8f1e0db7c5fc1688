using System.Text.Json;
using MspSupport.Core.Agent.Models;
using MspSupport.Testing.Fakes;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>An OpenAI-compatible server (Ollama, vLLM) as a tier, configured by settings only, over real HTTP.</summary>
public sealed class OpenAiWiringTests
{
    [Fact]
    public async Task The_capable_tier_streams_from_an_openai_compatible_server_at_the_configured_url()
    {
        await using var server = await RecordingHttpServer.StartAsync(ChatCompletionsStandIn.Answering("Check the event log for disk errors first."));
        await using var agent = await AgentHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agent:Models:Capable:Provider"] = "OpenAI",
            ["Agent:Models:Capable:BaseUrl"] = new Uri(server.BaseAddress, "v1").ToString(),
            ["Agent:Models:Capable:ModelId"] = "llama3.1:8b",
            ["Agent:Models:Capable:ApiKey"] = "local-key",
        });

        var reply = await agent.SayAsync(Tess, "can you troubleshoot why the file server randomly restarts at night?");

        Assert.Equal("Check the event log for disk errors first.", reply.Streamed);
        Assert.Equal(2, reply.Route.Tier);
        Assert.Equal("llama3.1:8b", reply.Route.ModelId);
        var request = server.Requests.First();
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer local-key", request.Header("authorization"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("llama3.1:8b", body.RootElement.GetProperty("model").GetString());
        Assert.Contains(body.RootElement.GetProperty("tools").EnumerateArray(), t => t.GetProperty("function").GetProperty("name").GetString() == "create_ticket");
    }

    [Fact]
    public void Model_settings_are_checked_at_start_with_the_setting_named()
    {
        var options = new AgentModelOptions
        {
            Cheap = new ModelOptions { Provider = ModelProvider.OpenAI, BaseUrl = "localhost:11434", ModelId = "" },
            Capable = new ModelOptions { Provider = ModelProvider.Bedrock, Region = "EU West", Endpoint = "ftp://x", MaxOutputTokens = 0 },
        };

        var failures = new AgentModelOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Agent:Models:Cheap:BaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Models:Cheap:ModelId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Models:Capable:Region", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Models:Capable:Endpoint", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Models:Capable:MaxOutputTokens", StringComparison.Ordinal));
    }
}
