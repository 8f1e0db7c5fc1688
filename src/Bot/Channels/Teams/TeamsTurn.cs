namespace MspSupport.Bot.Channels.Teams;

/// <summary>One authenticated inbound activity and the way to answer in its conversation.</summary>
public sealed class TeamsTurn(Activity activity, ConnectorClient connector)
{
    public Activity Activity { get; } = activity;

    /// <summary>Sends <paramref name="reply"/> into the conversation the activity came from, as a reply to it.</summary>
    public Task<string?> ReplyAsync(Activity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var addressed = reply with
        {
            Type = reply.Type ?? "message",
            ChannelId = Activity.ChannelId,
            ServiceUrl = Activity.ServiceUrl,
            Conversation = Activity.Conversation,
            From = Activity.Recipient,
            Recipient = Activity.From,
            ReplyToId = Activity.Id,
        };
        return connector.SendAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, addressed, Activity.Id, cancellationToken);
    }

    public Task<string?> ReplyTextAsync(string text, CancellationToken cancellationToken) =>
        ReplyAsync(new Activity { Type = "message", Text = text }, cancellationToken);
}
