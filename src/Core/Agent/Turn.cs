using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets.Attachments;

namespace MspSupport.Core.Agent;

/// <summary>
/// One thing a user said or did, as a channel adapter hands it to the core: who (resolved by the host), which
/// conversation, and the text typed and/or the card submitted.
/// </summary>
public sealed record Turn
{
    public required CallerIdentity Caller { get; init; }

    /// <summary>The channel's conversation (Teams chat, Slack thread, web chat session); short-term memory is kept per id.</summary>
    public required string ConversationId { get; init; }

    public string? Text { get; init; }

    /// <summary>A card submission (button or form), when the user did not type.</summary>
    public CardAction? Action { get; init; }

    /// <summary>Files the user sent with this message (downloaded by the channel adapter, not yet checked).</summary>
    public IReadOnlyList<IncomingFile> Files { get; init; } = [];
}
