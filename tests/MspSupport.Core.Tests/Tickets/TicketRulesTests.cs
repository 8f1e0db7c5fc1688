using MspSupport.Core.Tickets;
using static MspSupport.Core.Tickets.TicketStatus;

namespace MspSupport.Core.Tests.Tickets;

public sealed class TicketRulesTests
{
    public static TheoryData<TicketStatus, TicketStatus, bool> Moves => new()
    {
        { Open, InProgress, true }, { Open, Resolved, true }, { Open, Closed, true },
        { InProgress, Open, true }, { InProgress, Resolved, true }, { InProgress, Closed, true },
        { Resolved, Open, true }, { Resolved, InProgress, true }, { Resolved, Closed, true },
        { Closed, Open, true }, { Closed, InProgress, false }, { Closed, Resolved, false },
        { Closed, Closed, true },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Status_moves_follow_the_documented_table(TicketStatus from, TicketStatus to, bool allowed)
    {
        Assert.Equal(allowed, TicketRules.CanMove(from, to));
    }

    [Theory]
    [InlineData("contoso", true)]
    [InlineData("CUST-0042", true)]
    [InlineData("a.b_c-d", true)]
    [InlineData("x", false)]
    [InlineData("-contoso", false)]
    [InlineData("contoso/../x", false)]
    [InlineData("con toso", false)]
    [InlineData("", false)]
    public void Customer_ids_have_one_format(string value, bool valid)
    {
        Assert.Equal(valid, TicketRules.IsCustomerId(value));
    }

    [Fact]
    public void Limits_are_counted_in_characters()
    {
        var errors = new ValidationErrors();
        TicketRules.CheckTitle(new string('é', 200), errors);
        TicketRules.CheckDescription(new string('d', 8000), errors);
        TicketRules.CheckNote(new string('n', 4000), errors);
        Assert.True(errors.IsEmpty, errors.ToString());

        TicketRules.CheckTitle(new string('t', 201), errors);
        TicketRules.CheckNote(new string('n', 4001), errors);
        Assert.True(errors.Has("title"));
        Assert.True(errors.Has("note"));
    }
}
