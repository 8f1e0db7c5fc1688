using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Tickets;

public sealed class TicketIdsTests
{
    [Fact]
    public void New_ids_have_the_documented_shape()
    {
        var id = TicketIds.New(TestTickets.Epoch);

        Assert.Matches("^TKT-[0-9A-HJKMNP-TV-Z]{7}-[0-9A-HJKMNP-TV-Z]{5}$", id);
        Assert.Equal(TicketIds.Length, id.Length);
    }

    [Fact]
    public void Ids_sort_by_creation_second()
    {
        var earlier = TicketIds.New(TestTickets.Epoch);
        var later = TicketIds.New(TestTickets.Epoch.AddSeconds(1));

        Assert.True(string.CompareOrdinal(earlier[..11], later[..11]) < 0);
    }

    [Fact]
    public void Ids_of_one_second_differ()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => TicketIds.New(TestTickets.Epoch)).ToHashSet();

        Assert.True(ids.Count > 990, $"Only {ids.Count} distinct ids of 1000.");
    }

    [Theory]
    [InlineData("tkt-1ngec0x-xjtn0", "TKT-1NGEC0X-XJTN0")]
    [InlineData("  TKT-1NGEC0X-XJTN0 ", "TKT-1NGEC0X-XJTN0")]
    [InlineData("TKT-1NGECOX-XJTNO", "TKT-1NGEC0X-XJTN0")]
    [InlineData("TKT-lNGECiX-XJTN0", "TKT-1NGEC1X-XJTN0")]
    public void What_people_type_normalizes_to_the_canonical_id(string typed, string expected)
    {
        Assert.True(TicketIds.TryNormalize(typed, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("TKT-1NGEC0X")]
    [InlineData("TKT-1NGEC0X_XJTN0")]
    [InlineData("TKT-1NGEC0X-XJTNU")]
    [InlineData("ABC-1NGEC0X-XJTN0")]
    [InlineData("TKT-1NGEC0X-XJTN0-")]
    [InlineData("../../etc/passwd")]
    public void Anything_else_is_not_a_ticket_id(string? typed)
    {
        Assert.False(TicketIds.TryNormalize(typed, out _));
    }
}
