using System.Text.Json;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Tickets;

public sealed class TicketNamesTests
{
    [Theory]
    [InlineData("In Progress")]
    [InlineData("in progress")]
    [InlineData("IN_PROGRESS")]
    [InlineData("in-progress")]
    [InlineData("inprogress")]
    public void Statuses_parse_in_any_case_and_spelling(string text)
    {
        Assert.True(TicketNames.TryParseStatus(text, out var status));
        Assert.Equal(TicketStatus.InProgress, status);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("1")]
    [InlineData("Lowest")]
    public void Unknown_priorities_do_not_parse(string text)
    {
        Assert.False(TicketNames.TryParsePriority(text, out _));
    }

    [Fact]
    public void Json_uses_the_canonical_names()
    {
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            Assert.Equal($"\"{status.Name()}\"", JsonSerializer.Serialize(status, TicketJsonContext.Default.Options));
        }

        foreach (var source in Enum.GetValues<TicketSource>())
        {
            Assert.Equal($"\"{source.Name()}\"", JsonSerializer.Serialize(source, TicketJsonContext.Default.Options));
        }
    }

    [Fact]
    public void Times_are_written_in_utc_with_milliseconds()
    {
        var ticket = TestTickets.New(createdAt: new DateTimeOffset(2026, 11, 25, 20, 1, 2, 345, TimeSpan.FromHours(2)));

        var json = JsonSerializer.Serialize(ticket, TicketJsonContext.Default.Ticket);

        Assert.Contains("\"createdAt\":\"2026-11-25T18:01:02.345Z\"", json, StringComparison.Ordinal);
    }
}
