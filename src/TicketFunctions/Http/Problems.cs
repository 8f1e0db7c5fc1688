using MspSupport.Core.Tickets;

namespace MspSupport.TicketFunctions.Http;

/// <summary>RFC 9457 problem answers, and the one mapping from a ticket outcome to an HTTP status.</summary>
public static class Problems
{
    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            detail: message, title: "The request is not valid");

    public static IResult Invalid(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(errors.ToDictionary(), detail: errors.ToString(), title: "The request is not valid");
    }

    /// <summary>The HTTP answer for a failed <see cref="TicketResult{T}"/>.</summary>
    public static IResult From<T>(TicketResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            TicketOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, detail: result.Message, title: "The request is not valid"),
            TicketOutcome.NotFound => Status(StatusCodes.Status404NotFound, "Ticket not found", result.Message!),
            TicketOutcome.Forbidden => Status(StatusCodes.Status403Forbidden, "Not allowed", result.Message!),
            TicketOutcome.Conflict => Status(StatusCodes.Status409Conflict, "The ticket's state does not allow this", result.Message!),
            TicketOutcome.VersionMismatch => Status(StatusCodes.Status412PreconditionFailed, "The ticket has changed", result.Message!),
            TicketOutcome.IdempotencyKeyReused => Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", result.Message!),
            _ => throw new InvalidOperationException($"{result.Outcome} is not a failure."),
        };
    }
}
