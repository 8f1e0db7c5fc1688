using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Memory;
using MspSupport.Core.Tests.Knowledge;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>Memory intents, the extractive answer without a model, conversation memory and the failure edge.</summary>
public sealed class MemoryAndAnswerTurnTests : IAsyncLifetime
{
    private readonly KnowledgeFixture _knowledge = new();
    private AgentHarness _agent = null!;

    public async Task InitializeAsync()
    {
        _knowledge.Source.Write("vpn.md", Articles.Vpn);
        _knowledge.Source.Write("printer.md", Articles.Printer);
        await _knowledge.IngestAsync();
        _agent = await AgentHarness.StartAsync(knowledge: _knowledge.Search);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _knowledge.Dispose();
    }

    [Fact]
    public async Task Remember_then_recall_returns_the_fact_and_forget_me_erases_memory_and_conversations()
    {
        await _agent.SayAsync(Alice, "remember that I work from the Leeds office");

        var recall = await _agent.SayAsync(Alice, "what do you remember about me?");
        Assert.Contains("I work from the Leeds office", recall.Text, StringComparison.Ordinal);
        Assert.NotNull(await _agent.Conversations.GetAsync("conv-1", default));

        var forget = await _agent.SayAsync(Alice, "forget me");
        Assert.Contains("erased 1 memory item", forget.Text, StringComparison.Ordinal);
        Assert.Empty(await _agent.Memory.ListByActorAsync(Alice.Key, default));
        Assert.Null(await _agent.Conversations.GetAsync("conv-1", default));
    }

    [Fact]
    public async Task Another_users_memory_is_never_recalled()
    {
        await _agent.SayAsync(Bob, "remember that my laptop is a ThinkPad", "conv-bob");

        var recall = await _agent.SayAsync(Alice, "what do you remember about me?");

        Assert.DoesNotContain("ThinkPad", recall.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_a_question_gets_an_extractive_answer_with_numbered_citations()
    {
        var reply = await _agent.SayAsync(Alice, "how do I reset my VPN password?");

        var answer = reply.Card<AnswerCard>();
        Assert.True(answer.IsExcerpt);
        Assert.StartsWith("Excerpt from the knowledge base", answer.Text, StringComparison.Ordinal);
        Assert.Contains("[1] Reset a forgotten VPN password", answer.Text, StringComparison.Ordinal);
        var citations = Assert.Single(reply.Events.OfType<CitationsEvent>()).Citations;
        Assert.Equal(1, citations[0].Number);
        Assert.Equal("vpn.md", citations[0].Link);
        Assert.Contains(answer.Actions, a => a.Verb == CardVerbs.Feedback);
        Assert.Contains(answer.Actions, a => a.Verb == CardVerbs.TicketFromAnswer);
        Assert.Equal(1, reply.Route.RequestedTier);
        Assert.Equal(0, reply.Route.Tier);
        Assert.Null(reply.Route.ModelId);
    }

    [Fact]
    public async Task Add_that_to_the_ticket_puts_the_last_answer_on_the_last_ticket()
    {
        var ticket = await _agent.FileAsync(Alice, "VPN rejects my password");
        await _agent.SayAsync(Alice, $"status of {ticket.TicketId}");
        await _agent.SayAsync(Alice, "how do I reset my VPN password?");

        var reply = await _agent.SayAsync(Alice, "add that to the ticket");

        var note = Assert.Single(reply.Card<TicketCard>().Notes);
        Assert.Contains("self-service portal", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_a_ticket_from_an_answer_prefills_the_form_with_the_question()
    {
        await _agent.SayAsync(Alice, "how do I reset my VPN password?");

        var reply = await _agent.PressAsync(Alice, CardVerbs.TicketFromAnswer, new Dictionary<string, string>());

        var form = reply.Card<TicketFormCard>();
        Assert.Equal("How do I reset my VPN password", form.Title);
        Assert.Equal("Security", form.Category);
    }

    [Fact]
    public async Task The_conversation_keeps_both_sides_of_each_turn()
    {
        await _agent.SayAsync(Alice, "hello");
        await _agent.SayAsync(Alice, "list my tickets");

        var conversation = await _agent.Conversations.GetAsync("conv-1", default);

        Assert.Equal(["user", "assistant", "user", "assistant"], conversation!.Messages.Select(m => m.Role));
        Assert.Equal(Alice.Key, conversation.UserId);
    }

    [Fact]
    public async Task A_store_failure_ends_in_a_friendly_message_that_says_what_to_do()
    {
        await using var broken = await AgentHarness.StartAsync(configure: s => s.AddSingleton<IConversationStore>(new BrokenConversationStore()));

        var reply = await broken.SayAsync(Alice, "list my tickets");

        Assert.Contains("couldn't reach", reply.Text, StringComparison.Ordinal);
        Assert.Contains("try again", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_serialize_with_type_discriminators_and_cards_with_kinds()
    {
        var reply = await _agent.SayAsync(Alice, "hi");

        var json = JsonSerializer.Serialize(reply.Events, AgentJsonContext.Default.IReadOnlyListAgentEvent);
        var back = JsonSerializer.Deserialize(json, AgentJsonContext.Default.IReadOnlyListAgentEvent)!;

        Assert.Contains("\"type\":\"typing\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"welcome\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"route\"", json, StringComparison.Ordinal);
        Assert.IsType<WelcomeCard>(Assert.IsType<CardEvent>(back[1]).Card);
    }
}
