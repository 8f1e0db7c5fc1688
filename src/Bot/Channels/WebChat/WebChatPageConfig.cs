namespace MspSupport.Bot.Channels.WebChat;

/// <summary>What the page needs to know before it connects: branding and where its identity comes from.</summary>
public sealed record WebChatPageConfig(string MspName, string PrimaryColor, string BackgroundColor, string AuthMode, string DirectLineDomain);
