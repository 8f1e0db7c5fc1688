using MspSupport.Core.Tests.Agent;
using MspSupport.Testing.Fakes;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Isolation;

/// <summary>
/// Customer A (Alice, contoso) reaches nothing of customer B (Bob, fabrikam) through long-term memory or a
/// conversation: not by writing into a conversation id Bob owns, not by asking what the assistant remembers, not by
/// "forget me". Run against every store the host can be configured with (one subclass per store).
/// </summary>
public abstract class MemoryIsolationContract : IAsyncLifetime
{
    private const string BobsFact = "our payroll vendor is Acme Payroll Ltd";

    protected ScriptedChatClient Model { get; } = new() { FallbackText = "{}" };

    private AgentHarness _agent = null!;

    /// <summary>The agent as a host wires it, on the store under test, with <see cref="Model"/> as its models.</summary>
    protected abstract Task<AgentHarness> StartAgentAsync();

    public async Task InitializeAsync()
    {
        _agent = await StartAgentAsync();
        var remembered = await _agent.SayAsync(Bob, $"remember that {BobsFact}", "bobs-thread");
        Assert.Contains("Acme Payroll", remembered.Text, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Another_customers_memories_and_conversation_never_reach_the_model_in_a_shared_conversation()
    {
        Model.ThenText("Here is what I know.").ThenText("{}");

        await _agent.SayAsync(Alice, "my laptop will not connect to the office wifi since this morning, any ideas?", "bobs-thread");

        var request = Model.Requests.First();
        Assert.DoesNotContain("Acme Payroll", request.SystemPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Messages, m => m.Text.Contains("Acme Payroll", StringComparison.Ordinal));
        Assert.Empty(await _agent.Memory.ListByActorAsync(Alice.Key, default));
        var thread = await _agent.Conversations.GetAsync("bobs-thread", default);
        Assert.Equal(Bob.Key, thread!.UserId);
        Assert.DoesNotContain(thread.Messages, m => m.Text.Contains("office wifi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asking_what_the_assistant_remembers_shows_none_of_another_customers_memories()
    {
        var own = await _agent.SayAsync(Alice, "what do you remember about me?", "alices-thread");
        var shared = await _agent.SayAsync(Alice, "what do you remember about me?", "bobs-thread");

        foreach (var reply in new[] { own, shared })
        {
            Assert.DoesNotContain("Acme Payroll", reply.Text, StringComparison.Ordinal);
            Assert.Contains("don't keep anything about you", reply.Text, StringComparison.Ordinal);
        }

        Assert.Contains(BobsFact, (await _agent.SayAsync(Bob, "what do you remember about me?", "bobs-thread")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_me_erases_only_the_callers_own_memories_and_conversations()
    {
        await _agent.SayAsync(Alice, "remember that our printer is on the second floor", "alices-thread");

        var forgot = await _agent.SayAsync(Alice, "forget me", "bobs-thread");

        Assert.Contains("erased 1 memory item(s)", forgot.Text, StringComparison.Ordinal);
        Assert.Empty(await _agent.Memory.ListByActorAsync(Alice.Key, default));
        Assert.Equal([BobsFact], (await _agent.Memory.ListByActorAsync(Bob.Key, default)).Select(m => m.Text));
        var bobs = await _agent.Conversations.GetAsync("bobs-thread", default);
        Assert.Equal(Bob.Key, bobs!.UserId);
        Assert.Contains(bobs.Messages, m => m.Text.Contains("Acme Payroll", StringComparison.Ordinal));
    }
}
