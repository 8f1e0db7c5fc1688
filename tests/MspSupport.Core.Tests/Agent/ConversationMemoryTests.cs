using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Cards;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>Short-term memory under concurrency, and a Bedrock tier whose credentials cannot be found.</summary>
public sealed class ConversationMemoryTests
{
    [Fact]
    public async Task Two_turns_saved_at_once_in_one_conversation_both_keep_their_messages()
    {
        await using var agent = await AgentHarness.StartAsync();
        await agent.SayAsync(Alice, "hello");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => agent.SayAsync(Alice, $"remember that fact number {i} is true")));

        var conversation = await agent.Conversations.GetAsync("conv-1", default);
        Assert.Equal(10, conversation!.Messages.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains(conversation.Messages, m => m.Text == $"remember that fact number {i} is true");
        }
    }

    [Fact]
    public async Task A_turn_in_a_conversation_started_by_someone_else_neither_reads_nor_overwrites_it()
    {
        await using var agent = await AgentHarness.StartAsync();
        var ticket = await agent.FileAsync(Bob, "Bob's ticket");
        await agent.SayAsync(Bob, $"status of {ticket.TicketId}", "shared-thread");

        var reply = await agent.SayAsync(Alice, "close it", "shared-thread");

        Assert.Contains("Which ticket", reply.Text, StringComparison.Ordinal);
        var conversation = await agent.Conversations.GetAsync("shared-thread", default);
        Assert.Equal(Bob.Key, conversation!.UserId);
        Assert.DoesNotContain(conversation.Messages, m => m.Text == "close it");
    }

    [Fact]
    public async Task A_bedrock_tier_without_credentials_still_starts_and_its_turns_degrade_with_a_notice()
    {
        await using var agent = await AgentHarness.StartAsync(
            settings: new Dictionary<string, string?> { ["Agent:Models:Cheap:Provider"] = "Bedrock", ["Agent:Models:Cheap:Endpoint"] = "http://127.0.0.1:9/" },
            configure: s => s.AddSingleton<AWSCredentials>(_ => throw new InvalidOperationException("No AWS credentials found (simulated).")));

        var reply = await agent.SayAsync(Alice, "printer says offline");

        Assert.Single(reply.Notices);
        Assert.NotEmpty(reply.Cards.OfType<AnswerCard>());
        Assert.True(reply.Route.Degraded);
    }
}
