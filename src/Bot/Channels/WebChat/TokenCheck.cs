namespace MspSupport.Bot.Channels.WebChat;

/// <summary>The result of checking a token: the grant when <see cref="Status"/> is <see cref="TokenStatus.Valid"/>.</summary>
public sealed record TokenCheck(TokenStatus Status, DirectLineGrant? Grant);
