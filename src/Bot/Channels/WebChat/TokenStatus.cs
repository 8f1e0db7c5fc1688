namespace MspSupport.Bot.Channels.WebChat;

/// <summary>Why a Direct Line token was or was not accepted.</summary>
public enum TokenStatus
{
    Valid,
    Missing,
    Invalid,
    Expired,
}
