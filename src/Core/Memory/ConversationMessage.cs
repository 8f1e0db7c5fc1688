namespace MspSupport.Core.Memory;

/// <summary>One message of a conversation as short-term memory keeps it.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c> (or <c>technician</c> for a human reply in a handed-off thread).</param>
/// <param name="Text">What was said; cards are kept as the text a person would read.</param>
/// <param name="At">When it was said.</param>
/// <param name="Author">Display name or id of who said it, when not the assistant.</param>
public sealed record ConversationMessage(string Role, string Text, DateTimeOffset At, string? Author = null);
