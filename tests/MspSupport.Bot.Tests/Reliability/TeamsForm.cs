namespace MspSupport.Bot.Tests.Reliability;

/// <summary>A ticket form the assistant sent to a Teams customer, ready to be submitted (perhaps more than once).</summary>
internal sealed record TeamsForm(string Title, string Conversation, string Aad, string FormId);
