using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>Tier 0 with no model configured at all: every turn is answered by rules and the ticket service.</summary>
public sealed class DeterministicTurnTests : IAsyncLifetime
{
    private AgentHarness _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentHarness.StartAsync();

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_greeting_gets_the_welcome_card_with_examples()
    {
        var reply = await _agent.SayAsync(Alice, "hi there!");

        var welcome = reply.Card<WelcomeCard>();
        Assert.Contains("Alice", welcome.Greeting, StringComparison.Ordinal);
        Assert.NotEmpty(welcome.Examples);
        Assert.Equal(0, reply.Route.Tier);
        Assert.IsType<Core.Agent.TypingEvent>(reply.Events[0]);
    }

    [Fact]
    public async Task Create_a_ticket_for_something_returns_a_prefilled_form_with_guessed_category_and_priority()
    {
        var reply = await _agent.SayAsync(Alice, "create a ticket for VPN outage at the Leeds office");

        var form = reply.Card<TicketFormCard>();
        Assert.Equal(TicketFormMode.New, form.Mode);
        Assert.Equal("VPN outage at the Leeds office", form.Title);
        Assert.Equal("Network", form.Category);
        Assert.Equal("Critical", form.Priority);
        Assert.False(form.AsksForCustomer);
        Assert.Empty(await ListAsync(Alice));
    }

    [Theory]
    [InlineData("open a ticket about a phishing email I clicked", "Security", "High")]
    [InlineData("can you create a ticket for my printer jamming, no rush", "Hardware", "Low")]
    [InlineData("raise a ticket: forgot my password", "Security", "Medium")]
    [InlineData("log a ticket for a new laptop for our starter", "Hardware", "Medium")]
    public async Task The_form_guesses_category_and_priority_from_the_words_used(string text, string category, string priority)
    {
        var form = (await _agent.SayAsync(Alice, text)).Card<TicketFormCard>();

        Assert.Equal(category, form.Category);
        Assert.Equal(priority, form.Priority);
    }

    [Fact]
    public async Task Submitting_the_form_files_the_ticket_as_the_caller_for_their_own_customer()
    {
        var form = (await _agent.SayAsync(Alice, "create a ticket for VPN not connecting")).Card<TicketFormCard>();

        var reply = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title));

        var card = reply.Card<TicketCard>();
        Assert.Equal("contoso", card.CustomerId);
        Assert.Equal("Alice", card.CreatedBy);
        Assert.Equal("Open", card.Status);
        Assert.Contains(card.Actions, a => a.Verb == CardVerbs.TicketClose);
        Assert.DoesNotContain(card.Actions, a => a.Verb == CardVerbs.TicketAssignToMe);
        Assert.Single(await ListAsync(Alice));
    }

    [Fact]
    public async Task Pressing_create_twice_files_one_ticket()
    {
        var form = (await _agent.SayAsync(Alice, "create a ticket for VPN not connecting")).Card<TicketFormCard>();

        await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title));
        var second = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title));

        Assert.Contains("already filed", second.Text, StringComparison.Ordinal);
        Assert.Single(await ListAsync(Alice));
    }

    [Fact]
    public async Task A_form_with_bad_values_comes_back_with_what_was_typed_and_field_errors()
    {
        var form = (await _agent.SayAsync(Alice, "create a ticket")).Card<TicketFormCard>();
        var data = Submit(form, "   ");
        data["priority"] = "whenever";
        data["description"] = "It broke";

        var reply = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, data);

        var again = reply.Card<TicketFormCard>();
        Assert.Contains("title", again.FieldErrors.Keys);
        Assert.Contains("priority", again.FieldErrors.Keys);
        Assert.Equal("It broke", again.Description);
        Assert.Equal("whenever", again.Priority);
        Assert.Equal(form.Actions[0].Data["formId"], again.Actions[0].Data["formId"]);
        Assert.Empty(await ListAsync(Alice));
    }

    [Fact]
    public async Task Status_of_a_ticket_shows_it_and_close_it_closes_that_ticket()
    {
        var ticket = await _agent.FileAsync(Alice, "Outlook keeps asking for my password");

        var status = await _agent.SayAsync(Alice, $"status of {ticket.TicketId.ToLowerInvariant()}");
        Assert.Equal(ticket.TicketId, status.Card<TicketCard>().TicketId);

        var closed = await _agent.SayAsync(Alice, "close it");
        Assert.Equal("Closed", closed.Card<TicketCard>().Status);
        Assert.Equal(TicketStatus.Closed, (await _agent.Tickets.GetAsync(Alice, ticket.TicketId, default)).Value!.Status);

        var reopened = await _agent.SayAsync(Alice, "reopen it");
        Assert.Equal("Open", reopened.Card<TicketCard>().Status);
    }

    [Fact]
    public async Task What_about_the_other_one_shows_the_ticket_mentioned_before_the_last()
    {
        var first = await _agent.FileAsync(Alice, "Printer on floor 2 jams");
        var second = await _agent.FileAsync(Alice, "Teams camera not detected");
        await _agent.SayAsync(Alice, $"status of {first.TicketId}");
        await _agent.SayAsync(Alice, $"status of {second.TicketId}");

        var reply = await _agent.SayAsync(Alice, "what about the other one?");

        Assert.Equal(first.TicketId, reply.Card<TicketCard>().TicketId);
    }

    [Fact]
    public async Task A_customer_cannot_reach_another_customers_ticket_by_id()
    {
        var bobs = await _agent.FileAsync(Bob, "Fabrikam payroll server down");

        var status = await _agent.SayAsync(Alice, $"status of {bobs.TicketId}");
        var close = await _agent.SayAsync(Alice, $"close {bobs.TicketId}");

        Assert.Empty(status.Cards);
        Assert.Contains("no ticket", status.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("list my tickets", close.Text, StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Open, (await _agent.Tickets.GetAsync(Bob, bobs.TicketId, default)).Value!.Status);
    }

    [Fact]
    public async Task Close_it_without_any_ticket_in_the_conversation_asks_which_one()
    {
        var reply = await _agent.SayAsync(Alice, "close it");

        Assert.Contains("Which ticket", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_priority_add_note_and_assign_to_me_go_through_the_service_rules()
    {
        var ticket = await _agent.FileAsync(Alice, "Laptop battery swelling");

        var priority = await _agent.SayAsync(Alice, $"set priority of {ticket.TicketId} to high");
        Assert.Equal("High", priority.Card<TicketCard>().Priority);

        var note = await _agent.SayAsync(Alice, $"add a note to {ticket.TicketId}: it is getting hot too");
        Assert.Contains(note.Card<TicketCard>().Notes, n => n.Text == "it is getting hot too" && n.Author == "Alice");

        var refused = await _agent.SayAsync(Alice, $"assign {ticket.TicketId} to me");
        Assert.Contains("Only technicians", refused.Text, StringComparison.Ordinal);

        var assigned = await _agent.SayAsync(Tess, $"assign {ticket.TicketId} to me", "conv-tess");
        Assert.Equal("Tess", assigned.Card<TicketCard>().AssignedTo);
    }

    [Fact]
    public async Task List_my_open_tickets_shows_only_the_callers_open_tickets()
    {
        var open = await _agent.FileAsync(Alice, "Wi-Fi drops in meeting room");
        var closed = await _agent.FileAsync(Alice, "Old request");
        await _agent.Tickets.UpdateAsync(Alice, closed.TicketId, new TicketChanges { Status = "Closed" }, null, default);
        await _agent.FileAsync(Bob, "Bob's ticket");

        var reply = await _agent.SayAsync(Alice, "list my open tickets");

        var list = reply.Card<TicketListCard>();
        Assert.Equal([open.TicketId], list.Items.Select(i => i.TicketId));
        Assert.Equal(CardVerbs.TicketShow, Assert.Single(list.Actions).Verb);
    }

    [Fact]
    public async Task Ticket_card_offers_staff_status_and_assign_actions_and_customers_only_close_and_notes()
    {
        var ticket = await _agent.FileAsync(Alice, "Mailbox full");

        var customerView = (await _agent.SayAsync(Alice, $"status of {ticket.TicketId}")).Card<TicketCard>();
        var staffView = (await _agent.SayAsync(Tess, $"status of {ticket.TicketId}", "conv-tess")).Card<TicketCard>();

        Assert.DoesNotContain(customerView.Actions, a => a.Verb is CardVerbs.TicketAssignToMe or CardVerbs.TicketUpdate);
        Assert.Contains(staffView.Actions, a => a.Verb == CardVerbs.TicketAssignToMe);
        Assert.Contains(staffView.Actions, a => a.Verb == CardVerbs.TicketUpdate && a.Data["status"] == "In Progress");
    }

    private Task<IReadOnlyList<Ticket>> ListAsync(Core.Identity.CallerIdentity caller) =>
        _agent.Tickets.ListAsync(caller, new TicketListRequest(), default).ContinueWith(t => t.Result.Value!.Items, TaskScheduler.Default);

}
