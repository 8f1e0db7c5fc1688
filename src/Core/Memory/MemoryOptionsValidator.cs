using Microsoft.Extensions.Options;

namespace MspSupport.Core.Memory;

/// <summary>Checks <see cref="MemoryOptions"/> at start-up, naming each bad setting and what it should be.</summary>
public sealed class MemoryOptionsValidator : IValidateOptions<MemoryOptions>
{
    public const int MaxConversationTtlDays = 3650;

    public ValidateOptionsResult Validate(string? name, MemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ConversationTtlDays is < 1 or > MaxConversationTtlDays
            ? ValidateOptionsResult.Fail($"Memory:ConversationTtlDays must be between 1 and {MaxConversationTtlDays}.")
            : ValidateOptionsResult.Success;
    }
}
