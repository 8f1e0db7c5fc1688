using System.Globalization;
using Microsoft.Extensions.Primitives;
using MspSupport.Core.Tickets;
using MspSupport.TicketFunctions.Auth;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.TicketFunctions.Tickets;

/// <summary>
/// The ticket REST API. Handlers read and check the HTTP shape (JSON types, unknown fields, headers) and hand the
/// rest to <see cref="TicketService"/>, which owns validation of values and every authorization rule.
/// </summary>
public static class TicketsApi
{
    /// <summary>The per-caller rate limit that applies to every ticket route (and only to them).</summary>
    public const string RateLimitPolicy = "tickets";

    private static readonly string[] ListParameters = ["status", "customerId", "priority", "category", "limit", "cursor"];

    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tickets").RequireAuthorization().RequireRateLimiting(RateLimitPolicy).WithTags("Tickets");

        group.MapPost("/", CreateAsync)
            .WithName("CreateTicket").WithSummary("File a ticket")
            .Accepts<CreateTicketBody>("application/json")
            .Produces<Ticket>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", ListAsync)
            .WithName("ListTickets").WithSummary("List tickets, newest first")
            .Produces<TicketList>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{ticketId}", GetAsync)
            .WithName("GetTicket").WithSummary("Read one ticket (ETag carries its version)")
            .Produces<Ticket>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{ticketId}", UpdateAsync)
            .WithName("UpdateTicket").WithSummary("Change fields or add a note; If-Match with the ETag guards against lost updates")
            .Accepts<UpdateTicketBody>("application/json", "application/merge-patch+json")
            .Produces<Ticket>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapDelete("/{ticketId}", DeleteAsync)
            .WithName("DeleteTicket").WithSummary("Delete a ticket (administrators only)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TicketService tickets, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var fields = new JsonFields(document!.RootElement, errors);
            var request = new NewTicketRequest
            {
                Title = fields.Text("title").Value,
                Description = fields.Text("description").Value,
                Priority = fields.Text("priority").Value,
                Category = fields.Text("category").Value,
                CustomerId = fields.Text("customerId").Value,
                AssignedTo = fields.Text("assignedTo", nullable: true).Value,
                Source = TicketSource.Api,
            };
            fields.RejectUnknown();
            var idempotencyKey = SingleHeader(http.Request, "Idempotency-Key", errors);
            if (!errors.IsEmpty)
            {
                // Name the bad values too, not only the bad shapes, so one round trip shows everything to fix.
                var values = new ValidationErrors();
                TicketService.CheckNew(request, values);
                errors.AddForOtherFields(values);
                return Problems.Invalid(errors);
            }

            if (CallerClaims.CallerOf(http) is not { } caller)
            {
                return OnBehalfOfMissing();
            }

            // A Service key filing for a chat user records the channel the ticket really came from.
            request = request with { Source = TicketNames.TryParseSource(caller.Channel, out var source) ? source : TicketSource.Api };
            var result = await tickets.CreateAsync(caller, request, idempotencyKey, cancellationToken);
            if (!result.Succeeded)
            {
                return Problems.From(result);
            }

            var ticket = result.Value!;
            SetETag(http.Response, ticket);
            if (result.Outcome == TicketOutcome.Replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return TypedResults.Created($"/tickets/{ticket.TicketId}", ticket);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, TicketService tickets, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var errors = new ValidationErrors();
        foreach (var (name, values) in query)
        {
            if (!ListParameters.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(TicketRules.Shorten(name), $"Unknown query parameter. Known: {string.Join(", ", ListParameters)}.");
            }
            else if (values.Count > 1)
            {
                errors.Add(name, "Give this parameter once.");
            }
        }

        int? limit = null;
        if (query.TryGetValue("limit", out var limitText) && limitText.Count == 1)
        {
            if (int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                limit = parsed;
            }
            else
            {
                errors.Add("limit", $"The limit must be a whole number from 1 to {TicketListRequest.MaxLimit}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (CallerClaims.CallerOf(http) is not { } caller)
        {
            return OnBehalfOfMissing();
        }

        var result = await tickets.ListAsync(caller, new TicketListRequest
        {
            Status = First(query["status"]),
            CustomerId = First(query["customerId"]),
            Priority = First(query["priority"]),
            Category = First(query["category"]),
            Limit = limit,
            Cursor = First(query["cursor"]),
        }, cancellationToken);

        return result.Succeeded ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<IResult> GetAsync(string ticketId, HttpContext http, TicketService tickets, CancellationToken cancellationToken)
    {
        if (CallerClaims.CallerOf(http) is not { } caller)
        {
            return OnBehalfOfMissing();
        }

        var result = await tickets.GetAsync(caller, ticketId, cancellationToken);
        if (!result.Succeeded)
        {
            return Problems.From(result);
        }

        SetETag(http.Response, result.Value!);
        return TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> UpdateAsync(string ticketId, HttpContext http, TicketService tickets, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var expectedVersion = IfMatchVersion(http.Request, errors);
        var (document, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new JsonFields(document!.RootElement, errors);
            var note = fields.Nested("addNote");
            var changes = new TicketChanges
            {
                Title = fields.Text("title"),
                Description = fields.Text("description"),
                Status = fields.Text("status"),
                Priority = fields.Text("priority"),
                Category = fields.Text("category"),
                AssignedTo = fields.Text("assignedTo", nullable: true),
                AddNote = note is null ? null : new NewNote(note.Text("text").Value ?? "", note.Flag("internal") ?? false),
            };
            note?.RejectUnknown();
            fields.RejectUnknown();
            if (!errors.IsEmpty)
            {
                var values = new ValidationErrors();
                TicketService.CheckChanges(changes, values);
                errors.AddForOtherFields(values);
                return Problems.Invalid(errors);
            }

            if (CallerClaims.CallerOf(http) is not { } caller)
            {
                return OnBehalfOfMissing();
            }

            var result = await tickets.UpdateAsync(caller, ticketId, changes, expectedVersion, cancellationToken);
            if (!result.Succeeded)
            {
                return Problems.From(result);
            }

            SetETag(http.Response, result.Value!);
            return TypedResults.Ok(result.Value);
        }
    }

    private static async Task<IResult> DeleteAsync(string ticketId, HttpContext http, TicketService tickets, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var expectedVersion = IfMatchVersion(http.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (CallerClaims.CallerOf(http) is not { } caller)
        {
            return OnBehalfOfMissing();
        }

        var result = await tickets.DeleteAsync(caller, ticketId, expectedVersion, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result);
    }

    internal static IResult OnBehalfOfMissing() => Problems.Invalid(OnBehalfOfHeaders.User,
        "A Service key acts for a user: send X-On-Behalf-Of-User and X-On-Behalf-Of-Role (and -Customer for customers, -Channel, -Tenant, -Name).");

    private static void SetETag(HttpResponse response, Ticket ticket) =>
        response.Headers.ETag = $"\"{ticket.Version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version named by If-Match (<c>"3"</c> or <c>W/"3"</c>); null when absent or <c>*</c>.</summary>
    private static long? IfMatchVersion(HttpRequest request, ValidationErrors errors)
    {
        var header = SingleHeader(request, "If-Match", errors);
        if (header is null || header == "*")
        {
            return null;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' &&
            long.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        errors.Add("If-Match", "Send the ETag from GET /tickets/{ticketId} as it came, e.g. \"3\".");
        return null;
    }

    private static string? SingleHeader(HttpRequest request, string name, ValidationErrors errors)
    {
        if (!request.Headers.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            errors.Add(name, $"Send one {name} header.");
            return null;
        }

        return values[0]?.Trim();
    }

    private static string? First(StringValues values) => values.Count == 0 ? null : values[0];
}
