using MspSupport.Core.Handoff;
using MspSupport.Core.Identity;

namespace MspSupport.Core.Tests.Handoff;

public sealed class TriageCardRefreshTests
{
    private static readonly HandoffCase Case = new()
    {
        TicketId = "TKT-1",
        CustomerId = "contoso",
        ConversationId = "web:c-1",
        RequesterKey = "web::u",
        RequesterName = "Alice",
        Reason = "asked",
    };

    [Fact]
    public void Technicians_who_acted_come_first_most_recent_first_then_the_staff_each_once_and_at_most_60()
    {
        var acted = Case.WithTechnician(Teams("tech-a")).WithTechnician(Teams("tech-b")).WithTechnician(Teams("tech-a"));
        var staff = Enumerable.Range(0, 100).Select(i => $"staff-{i}").Prepend("tech-b").Prepend("TECH-A");

        var users = TriageCards.RefreshUsers(acted, staff);

        Assert.Equal(["tech-b", "tech-a"], acted.Technicians);
        Assert.Equal(60, users.Count);
        Assert.Equal(["tech-a", "tech-b", "staff-0"], users.Take(3));
        Assert.Equal("staff-57", users[^1]);
    }

    [Fact]
    public void Only_staff_acting_from_Teams_are_remembered_and_the_list_stays_bounded()
    {
        var customer = Teams("cust") with { Role = CallerRole.Customer, CustomerId = "contoso" };
        var slack = Teams("slack-tech") with { Channel = "slack" };
        var many = Enumerable.Range(0, 70).Aggregate(Case, (c, i) => c.WithTechnician(Teams($"t-{i}")));

        Assert.Empty(Case.WithTechnician(customer).WithTechnician(slack).Technicians);
        Assert.Equal(HandoffCase.MaxRefreshUsers, many.Technicians.Count);
        Assert.Equal("t-69", many.Technicians[^1]);
    }

    private static CallerIdentity Teams(string aadObjectId) => new()
    {
        Channel = "teams",
        UserId = aadObjectId,
        Role = CallerRole.Technician,
        TenantId = "msp",
    };
}
