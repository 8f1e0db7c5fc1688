using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Cards;
using MspSupport.Testing.Fakes;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>
/// The real Anthropic.Bedrock client, configured only through settings, against a local Bedrock Runtime stand-in:
/// model id and region reach the wire, tools are sent with their schemas, the event stream is parsed into deltas.
/// </summary>
public sealed class BedrockWiringTests : IAsyncLifetime
{
    private BedrockRuntimeStandIn _bedrock = null!;
    private AgentHarness _agent = null!;

    public async Task InitializeAsync()
    {
        _bedrock = await BedrockRuntimeStandIn.StartAsync();
        _agent = await AgentHarness.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["Agent:Models:Cheap:Provider"] = "Bedrock",
                ["Agent:Models:Cheap:Region"] = "eu-west-3",
                ["Agent:Models:Cheap:Endpoint"] = _bedrock.BaseAddress.ToString(),
                ["Agent:Models:Cheap:TimeoutSeconds"] = "10",
                ["Agent:Models:Cheap:RetryDelayMilliseconds"] = "5",
            },
            configure: s => s.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDSTANDIN", "stand-in-secret")));
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _bedrock.DisposeAsync();
    }

    [Fact]
    public async Task A_streamed_answer_comes_from_the_configured_model_and_region_with_signed_requests()
    {
        _bedrock.Then(BedrockReply.Say("Restart the printer and add it again."));

        var reply = await _agent.SayAsync(Alice, "printer says offline");

        Assert.Equal("Restart the printer and add it again.", reply.Streamed);
        Assert.True(reply.Events.OfType<Core.Agent.TextDeltaEvent>().Count() > 1);
        var request = _bedrock.Requests.First();
        Assert.Equal($"/model/{AgentModelOptions.DefaultCheapBedrockModel}/invoke-with-response-stream", Uri.UnescapeDataString(request.Path));
        Assert.Equal("bedrock-runtime.eu-west-3.amazonaws.com", request.Header("host"));
        Assert.Contains("Credential=AKIDSTANDIN/", request.Header("authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-3/bedrock/aws4_request", request.Header("authorization"), StringComparison.Ordinal);

        using var body = JsonDocument.Parse(request.Body);
        // Bedrock takes the API version in the body instead of a header; the client picks the value.
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("anthropic_version").GetString()));
        Assert.False(body.RootElement.TryGetProperty("model", out _)); // the model id travels in the path only
        var tools = body.RootElement.GetProperty("tools").EnumerateArray().ToList();
        var list = tools.Single(t => t.GetProperty("name").GetString() == "list_tickets");
        Assert.True(list.GetProperty("input_schema").GetProperty("properties").TryGetProperty("status", out _));
        Assert.Equal(1, reply.Route.Tier);
        Assert.Equal(900, reply.Route.InputTokens);
    }

    [Fact]
    public async Task A_streamed_tool_call_runs_the_tool_as_the_caller_and_the_result_goes_back_to_bedrock()
    {
        _bedrock.Then(BedrockReply.Call("create_ticket", """{"title":"Printer offline on floor 2","priority":"High"}"""))
            .Then(BedrockReply.Say("I filed it."));

        var reply = await _agent.SayAsync(Alice, "printer says offline, file it please");

        var card = reply.Card<TicketCard>();
        Assert.Equal("contoso", card.CustomerId);
        Assert.Equal("High", card.Priority);
        var second = _bedrock.Requests.Skip(1).First();
        Assert.Contains("tool_result", second.Body, StringComparison.Ordinal);
        Assert.Contains(card.TicketId, second.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_memory_extraction_call_uses_invoke_without_streaming()
    {
        _bedrock.Then(BedrockReply.Say("Try a restart."))
            .Then(BedrockReply.Say("""{"facts":["Has a printer on floor 2"],"preferences":[],"summary":"Printer offline"}"""));

        await _agent.SayAsync(Alice, "printer says offline");

        Assert.Contains(_bedrock.Requests, r => r.Path.EndsWith("/invoke", StringComparison.Ordinal));
        Assert.Contains(await _agent.Memory.ListByActorAsync(Alice.Key, default), m => m.Text == "Has a printer on floor 2");
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_and_the_answer_still_arrives()
    {
        _bedrock.Then(BedrockReply.Fail(429)).Then(BedrockReply.Fail(503)).Then(BedrockReply.Say("Second try worked."));

        var reply = await _agent.SayAsync(Alice, "printer says offline");

        Assert.Equal("Second try worked.", reply.Streamed);
        Assert.Empty(reply.Notices);
        Assert.Equal(3, _bedrock.Requests.Count(r => r.Path.EndsWith("invoke-with-response-stream", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task When_bedrock_keeps_throttling_the_turn_degrades_with_a_notice()
    {
        _bedrock.Then(BedrockReply.Fail(429)).Then(BedrockReply.Fail(429)).Then(BedrockReply.Fail(429));

        var reply = await _agent.SayAsync(Alice, "printer says offline");

        Assert.Contains("unavailable", Assert.Single(reply.Notices), StringComparison.Ordinal);
        Assert.NotEmpty(reply.Cards.OfType<AnswerCard>());
        Assert.True(reply.Route.Degraded);
        Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
    }
}
