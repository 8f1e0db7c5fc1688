using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MspSupport.Bot.Tests.Channels.WebChat;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// Customer A in the web chat (local mode: contoso) names customer B's ticket over Direct Line, in messages and in
/// forged card submissions: every attempt is answered that there is no such ticket, nothing of B's comes back, and
/// B's ticket stays as it was.
/// </summary>
[Collection(IsolationHostGroup.Name)]
public sealed class WebChatIsolationTests(IsolationHost host)
{
    private readonly DirectLineClient _directLine = new(host.Client);

    [Theory]
    [InlineData("status of {0}")]
    [InlineData("{0}")]
    [InlineData("close {0}")]
    [InlineData("assign {0} to me")]
    [InlineData("add a note to {0}: contoso was here")]
    public async Task A_message_naming_another_customers_ticket_is_told_there_is_no_such_ticket(string message)
    {
        var (conversationId, token, _) = await _directLine.StartAsync($"contoso-user-{Guid.NewGuid():N}");

        await _directLine.PostMessageAsync(conversationId, token, string.Format(CultureInfo.InvariantCulture, message, host.BobsTicketId));

        await AssertAnsweredNoSuchTicketAsync(conversationId, token);
    }

    [Theory]
    [InlineData(CardVerbs.TicketShow)]
    [InlineData(CardVerbs.TicketEdit)]
    [InlineData(CardVerbs.TicketClose)]
    [InlineData(CardVerbs.TicketAssignToMe)]
    [InlineData(CardVerbs.TicketAddNote)]
    [InlineData(CardVerbs.TicketUpdate)]
    public async Task A_forged_card_submission_carrying_another_customers_ticket_id_is_answered_no_such_ticket(string verb)
    {
        var (conversationId, token, _) = await _directLine.StartAsync($"contoso-user-{Guid.NewGuid():N}");
        var submission = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = "whoever" },
            ["value"] = new JsonObject
            {
                ["verb"] = verb,
                ["ticketId"] = host.BobsTicketId,
                ["note"] = "contoso was here",
                ["title"] = "Hijacked by contoso",
                ["status"] = "Closed",
                ["version"] = ((long)host.Filed["version"]!).ToString(CultureInfo.InvariantCulture),
            },
        };

        using var posted = await _directLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, submission.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await AssertAnsweredNoSuchTicketAsync(conversationId, token);
    }

    /// <summary>
    /// Polls the conversation until the bot answers that there is no such ticket (never silence), then checks every
    /// activity of it for B's data and B's ticket for changes.
    /// </summary>
    private async Task AssertAnsweredNoSuchTicketAsync(string conversationId, string token)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = "";
        while (!seen.Contains("no ticket", StringComparison.OrdinalIgnoreCase))
        {
            Assert.False(timeout.IsCancellationRequested, $"No answer saying there is no such ticket: {seen}");
            await Task.Delay(20, CancellationToken.None);
            seen = (await _directLine.ActivitiesAsync(conversationId, token))["activities"]!.ToJsonString();
        }

        IsolationHost.AssertToldNoSuchTicket(seen);
        IsolationHost.AssertNothingOfBobs(seen);
        await host.AssertBobsTicketUntouchedAsync();
    }
}
