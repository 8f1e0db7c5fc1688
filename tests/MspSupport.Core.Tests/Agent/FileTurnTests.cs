using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Tickets.Attachments;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>Files sent in chat: onto the ticket in context, or waiting for the ticket being filed.</summary>
public sealed class FileTurnTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 9];

    private AgentHarness _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentHarness.StartAsync();

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_file_sent_with_a_new_ticket_request_waits_for_the_form_and_lands_on_the_ticket()
    {
        var asked = await SendAsync(Alice, "create a ticket for printer jam", new IncomingFile("jam.png", "image/png", Png));
        var form = asked.Card<TicketFormCard>();

        var filed = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title));

        Assert.Contains("attach it to the ticket you create next", asked.Text, StringComparison.Ordinal);
        var card = filed.Cards.OfType<TicketCard>().Last();
        Assert.Equal("jam.png", Assert.Single(card.Files).FileName);
        Assert.Equal("jam.png", Assert.Single((await _agent.Tickets.GetAsync(Alice, card.TicketId, default)).Value!.Attachments).FileName);
    }

    [Fact]
    public async Task A_file_alone_goes_onto_the_ticket_the_conversation_is_about()
    {
        var ticket = await _agent.FileAsync(Alice, "Outlook keeps asking for a password");
        await _agent.SayAsync(Alice, $"status of {ticket.TicketId}");

        var reply = await SendAsync(Alice, null, new IncomingFile("prompt.png", null, Png));

        Assert.Equal($"Attached prompt.png to {ticket.TicketId}.", reply.Card<TicketCard>().Headline);
        Assert.Single((await _agent.Tickets.GetAsync(Alice, ticket.TicketId, default)).Value!.Attachments);
    }

    [Fact]
    public async Task A_refused_file_is_named_with_its_reason_and_nothing_is_attached()
    {
        var ticket = await _agent.FileAsync(Alice, "Laptop fan loud");
        await _agent.SayAsync(Alice, $"status of {ticket.TicketId}");

        var reply = await SendAsync(Alice, null, new IncomingFile("fix.exe", null, Png));

        Assert.Contains("fix.exe cannot be attached", reply.Text, StringComparison.Ordinal);
        Assert.Empty((await _agent.Tickets.GetAsync(Alice, ticket.TicketId, default)).Value!.Attachments);
    }

    [Fact]
    public async Task Files_never_reach_a_ticket_of_another_customer()
    {
        var theirs = await _agent.FileAsync(Bob, "Fabrikam VPN");
        await _agent.SayAsync(Alice, $"status of {theirs.TicketId}");

        var reply = await SendAsync(Alice, null, new IncomingFile("x.png", null, Png));

        Assert.DoesNotContain(reply.Cards, c => c is TicketCard);
        Assert.Empty((await _agent.Tickets.GetAsync(Bob, theirs.TicketId, default)).Value!.Attachments);
    }

    private Task<TurnReply> SendAsync(Core.Identity.CallerIdentity caller, string? text, params IncomingFile[] files) =>
        _agent.RunAsync(new Turn { Caller = caller, ConversationId = "conv-1", Text = text, Files = files });
}
