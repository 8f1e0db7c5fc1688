using Microsoft.Extensions.Options;

namespace MspSupport.Core.Memory;

/// <summary>Checks <see cref="MemoryOptions"/> at start-up, naming each bad setting and what it should be.</summary>
public sealed class MemoryOptionsValidator : IValidateOptions<MemoryOptions>
{
    public const int MaxConversationTtlDays = 3650;

    public const int MaxRecentConversations = 1_000_000;

    public ValidateOptionsResult Validate(string? name, MemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ConversationTtlDays is < 1 or > MaxConversationTtlDays)
        {
            failures.Add($"Memory:ConversationTtlDays must be between 1 and {MaxConversationTtlDays}.");
        }

        if (options.RecentConversations is < 0 or > MaxRecentConversations)
        {
            failures.Add($"Memory:RecentConversations must be between 0 (off) and {MaxRecentConversations}.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
