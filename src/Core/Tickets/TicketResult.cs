namespace MspSupport.Core.Tickets;

/// <summary>The outcome of a <see cref="TicketService"/> call: a value, or what went wrong in words for a person.</summary>
public sealed record TicketResult<T>
{
    public required TicketOutcome Outcome { get; init; }
    public T? Value { get; init; }
    public string? Message { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public bool Succeeded => Outcome is TicketOutcome.Ok or TicketOutcome.Created or TicketOutcome.Replayed;

    public static TicketResult<T> Ok(T value) => new() { Outcome = TicketOutcome.Ok, Value = value };

    public static TicketResult<T> Invalid(ValidationErrors errors) => new()
    {
        Outcome = TicketOutcome.Invalid,
        Errors = errors.ToDictionary(),
        Message = errors.ToString(),
    };

    public static TicketResult<T> Fail(TicketOutcome outcome, string message) => new() { Outcome = outcome, Message = message };

    public static TicketResult<T> NotFound(string ticketId) =>
        Fail(TicketOutcome.NotFound, $"There is no ticket {TicketRules.Shorten(ticketId)} that you can see.");

    /// <summary>Carries a failure over to a result of another type.</summary>
    public TicketResult<TOther> As<TOther>() => new() { Outcome = Outcome, Message = Message, Errors = Errors };
}
