using Microsoft.Extensions.Options;

namespace MspSupport.Core.Tickets;

/// <summary>Checks <see cref="TicketOptions"/> at start-up, naming the setting and what it should be.</summary>
public sealed class TicketOptionsValidator : IValidateOptions<TicketOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IdempotencyKeyTtlHours is >= 1 and <= TicketOptions.MaxIdempotencyKeyTtlHours
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Tickets:IdempotencyKeyTtlHours must be a whole number of hours from 1 to {TicketOptions.MaxIdempotencyKeyTtlHours} " +
                $"(default 24); it is {options.IdempotencyKeyTtlHours}.");
    }
}
