using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>Buttons and forms coming back from a channel as card actions.</summary>
public sealed class CardActionTests : IAsyncLifetime
{
    private AgentHarness _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentHarness.StartAsync();

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task An_edit_form_with_a_bad_value_comes_back_with_the_error_and_a_good_one_saves()
    {
        var ticket = await _agent.FileAsync(Alice, "Monitor flickers");
        var form = (await _agent.PressAsync(Alice, CardVerbs.TicketEdit, TicketCards.For(ticket.TicketId))).Card<TicketFormCard>();
        Assert.Equal(TicketFormMode.Edit, form.Mode);
        var data = new Dictionary<string, string>(form.Actions[0].Data)
        {
            ["title"] = form.Title,
            ["description"] = "Both screens",
            ["priority"] = "sky-high",
            ["category"] = form.Category,
            ["version"] = form.Version!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var bad = await _agent.PressAsync(Alice, CardVerbs.TicketUpdate, data);
        Assert.Contains("priority", bad.Card<TicketFormCard>().FieldErrors.Keys);
        Assert.Equal("Both screens", bad.Card<TicketFormCard>().Description);

        data["priority"] = "High";
        var saved = await _agent.PressAsync(Alice, CardVerbs.TicketUpdate, data);
        Assert.Equal("High", saved.Card<TicketCard>().Priority);
        Assert.Equal("Both screens", saved.Card<TicketCard>().Description);
    }

    [Fact]
    public async Task A_stale_edit_form_is_refused_with_what_to_do()
    {
        var ticket = await _agent.FileAsync(Alice, "Monitor flickers");
        var form = (await _agent.PressAsync(Alice, CardVerbs.TicketEdit, TicketCards.For(ticket.TicketId))).Card<TicketFormCard>();
        await _agent.Tickets.AddNoteAsync(Tess, ticket.TicketId, "Looking at it", false, default);

        var reply = await _agent.PressAsync(Alice, CardVerbs.TicketUpdate, new Dictionary<string, string>(form.Actions[0].Data)
        {
            ["title"] = "Monitor flickers a lot",
            ["version"] = "1",
        });

        Assert.Contains("changed since you read it", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Monitor flickers", (await _agent.Tickets.GetAsync(Alice, ticket.TicketId, default)).Value!.Title);
    }

    [Fact]
    public async Task Close_and_reopen_buttons_change_the_status_as_the_caller()
    {
        var ticket = await _agent.FileAsync(Alice, "Keyboard missing keys");

        var closed = await _agent.PressAsync(Alice, CardVerbs.TicketClose, TicketCards.For(ticket.TicketId));
        Assert.Equal("Closed", closed.Card<TicketCard>().Status);
        Assert.Equal([CardVerbs.TicketReopen], closed.Card<TicketCard>().Actions.Select(a => a.Verb));

        var reopened = await _agent.PressAsync(Alice, CardVerbs.TicketReopen, TicketCards.For(ticket.TicketId));
        Assert.Equal(TicketStatus.Open.Name(), reopened.Card<TicketCard>().Status);
    }

    [Fact]
    public async Task Feedback_cancel_and_unknown_buttons_each_get_a_plain_answer()
    {
        var feedback = await _agent.PressAsync(Alice, CardVerbs.Feedback, new Dictionary<string, string> { ["helpful"] = "yes" });
        var cancel = await _agent.PressAsync(Alice, CardVerbs.Cancel, new Dictionary<string, string>());
        var unknown = await _agent.PressAsync(Alice, "ticket.teleport", new Dictionary<string, string>());

        Assert.Contains("Thanks", feedback.Text, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", cancel.Text, StringComparison.Ordinal);
        Assert.Contains("help", unknown.Text, StringComparison.Ordinal);
        Assert.All([feedback, cancel, unknown], r => Assert.Equal(0, r.Route.Tier));
    }
}
