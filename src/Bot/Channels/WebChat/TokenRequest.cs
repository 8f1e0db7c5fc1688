using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>The optional body of <c>tokens/generate</c>: in local mode, the browser's own user id.</summary>
public sealed record TokenRequest(ChannelAccount? User);
