namespace MspSupport.Bot.Channels.Slack;

/// <summary>A file shared in a message; <see cref="UrlPrivate"/> downloads with the bot token.</summary>
public sealed record SlackFile(string? Id, string? Name, string? Mimetype, long Size, string? UrlPrivate);
