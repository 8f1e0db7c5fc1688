using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tests.Tickets;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Notifications;

public sealed class TicketChangeHeadlineTests
{
    private static readonly CallerIdentity Bob = new() { Channel = "teams", UserId = "bob", Role = CallerRole.Technician, DisplayName = "Bob" };

    [Fact]
    public void A_status_change_and_a_public_note_are_told()
    {
        var before = TestTickets.New();
        var after = before with { Status = TicketStatus.Resolved, Notes = [TestTickets.Note("Replaced the toner.")] };

        var headline = TicketChangeHeadline.For(new TicketChange(TicketChangeKind.Updated, before, after, Bob));

        Assert.Equal($"Update on {before.TicketId} from Bob: status is now Resolved, a new note was added.", headline);
    }

    [Fact]
    public void An_internal_note_alone_tells_the_requester_nothing()
    {
        var before = TestTickets.New();
        var after = before with { Notes = [TestTickets.Note("Customer is difficult.", isInternal: true)] };

        Assert.Null(TicketChangeHeadline.For(new TicketChange(TicketChangeKind.Updated, before, after, Bob)));
    }

    [Fact]
    public void Assignment_is_told_by_name()
    {
        var before = TestTickets.New();

        var headline = TicketChangeHeadline.For(new TicketChange(TicketChangeKind.Updated, before, before with { AssignedTo = "Bob" }, Bob));

        Assert.Contains("Bob is working on it", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Creations_and_deletions_are_not_updates()
    {
        var ticket = TestTickets.New();

        Assert.Null(TicketChangeHeadline.For(new TicketChange(TicketChangeKind.Created, null, ticket, Bob)));
        Assert.Null(TicketChangeHeadline.For(new TicketChange(TicketChangeKind.Deleted, ticket, null, Bob)));
    }
}
