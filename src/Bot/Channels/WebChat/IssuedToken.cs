namespace MspSupport.Bot.Channels.WebChat;

/// <summary>A token as Direct Line hands it out: the token and its lifetime in seconds.</summary>
public sealed record IssuedToken(string Token, int ExpiresIn);
