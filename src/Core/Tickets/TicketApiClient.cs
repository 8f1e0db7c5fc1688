using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;

namespace MspSupport.Core.Tickets;

/// <summary>
/// <see cref="ITicketOperations"/> over the ticket API (typed HttpClient with the standard resilience handler).
/// Authenticates with a Service key and names the caller in <see cref="OnBehalfOfHeaders"/>; the API's ticket
/// service then applies the caller's rules exactly as in process. Answers map back to the same outcomes.
/// </summary>
public sealed class TicketApiClient(HttpClient http, IOptions<TicketApiOptions> options) : ITicketOperations
{
    public async Task<TicketResult<Ticket>> CreateAsync(CallerIdentity caller, NewTicketRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject();
        Put(body, "title", request.Title);
        Put(body, "description", request.Description);
        Put(body, "priority", request.Priority);
        Put(body, "category", request.Category);
        Put(body, "customerId", request.CustomerId);
        Put(body, "assignedTo", request.AssignedTo);
        using var message = Request(HttpMethod.Post, "tickets", caller, body);
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await SendAsync(message, TicketJsonContext.Default.Ticket, cancellationToken);
    }

    public async Task<TicketResult<Ticket>> GetAsync(CallerIdentity caller, string ticketId, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Get, $"tickets/{Uri.EscapeDataString(ticketId)}", caller, null);
        return await SendAsync(message, TicketJsonContext.Default.Ticket, cancellationToken);
    }

    public async Task<TicketResult<TicketList>> ListAsync(CallerIdentity caller, TicketListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<string>();
        AddQuery(query, "status", request.Status);
        AddQuery(query, "customerId", request.CustomerId);
        AddQuery(query, "priority", request.Priority);
        AddQuery(query, "category", request.Category);
        AddQuery(query, "limit", request.Limit?.ToString(CultureInfo.InvariantCulture));
        AddQuery(query, "cursor", request.Cursor);
        var path = query.Count == 0 ? "tickets" : "tickets?" + string.Join('&', query);
        using var message = Request(HttpMethod.Get, path, caller, null);
        return await SendAsync(message, TicketJsonContext.Default.TicketList, cancellationToken);
    }

    public async Task<TicketResult<Ticket>> UpdateAsync(CallerIdentity caller, string ticketId, TicketChanges changes, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var body = new JsonObject();
        Put(body, "title", changes.Title);
        Put(body, "description", changes.Description);
        Put(body, "status", changes.Status);
        Put(body, "priority", changes.Priority);
        Put(body, "category", changes.Category);
        Put(body, "assignedTo", changes.AssignedTo);
        if (changes.AddNote is { } note)
        {
            body["addNote"] = new JsonObject { ["text"] = note.Text, ["internal"] = note.Internal };
        }

        using var message = Request(HttpMethod.Patch, $"tickets/{Uri.EscapeDataString(ticketId)}", caller, body);
        if (expectedVersion is { } version)
        {
            message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\""));
        }

        return await SendAsync(message, TicketJsonContext.Default.Ticket, cancellationToken);
    }

    public Task<TicketResult<Ticket>> AddNoteAsync(CallerIdentity caller, string ticketId, string? text, bool isInternal, CancellationToken cancellationToken) =>
        UpdateAsync(caller, ticketId, new TicketChanges { AddNote = new NewNote(text, isInternal) }, null, cancellationToken);

    private HttpRequestMessage Request(HttpMethod method, string path, CallerIdentity caller, JsonObject? body)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var message = new HttpRequestMessage(method, new Uri(new Uri(options.Value.ApiBaseUrl!.TrimEnd('/') + "/"), path));
        message.Headers.Add("x-api-key", options.Value.ApiKey);
        message.Headers.Add(OnBehalfOfHeaders.Channel, caller.Channel);
        message.Headers.Add(OnBehalfOfHeaders.User, caller.UserId);
        message.Headers.Add(OnBehalfOfHeaders.Role, caller.Role.ToString());
        if (caller.TenantId is not null)
        {
            message.Headers.Add(OnBehalfOfHeaders.Tenant, caller.TenantId);
        }

        if (caller.CustomerId is not null)
        {
            message.Headers.Add(OnBehalfOfHeaders.Customer, caller.CustomerId);
        }

        if (caller.DisplayName is not null)
        {
            message.Headers.Add(OnBehalfOfHeaders.Name, Uri.EscapeDataString(caller.DisplayName));
        }

        if (body is not null)
        {
            message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return message;
    }

    private async Task<TicketResult<T>> SendAsync<T>(HttpRequestMessage message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var value = JsonSerializer.Deserialize(text, type) ?? throw new InvalidDataException("The ticket API answered with an empty body.");
            var outcome = response.StatusCode == HttpStatusCode.Created
                ? (response.Headers.Contains("Idempotent-Replayed") ? TicketOutcome.Replayed : TicketOutcome.Created)
                : TicketOutcome.Ok;
            return new TicketResult<T> { Outcome = outcome, Value = value };
        }

        var outcomeFor = response.StatusCode switch
        {
            HttpStatusCode.BadRequest => TicketOutcome.Invalid,
            HttpStatusCode.Forbidden => TicketOutcome.Forbidden,
            HttpStatusCode.NotFound => TicketOutcome.NotFound,
            HttpStatusCode.Conflict => TicketOutcome.Conflict,
            HttpStatusCode.PreconditionFailed => TicketOutcome.VersionMismatch,
            HttpStatusCode.UnprocessableEntity => TicketOutcome.IdempotencyKeyReused,
            _ => throw new HttpRequestException($"The ticket API answered {(int)response.StatusCode}.", null, response.StatusCode),
        };
        var (detail, errors) = Problem(text);
        return new TicketResult<T> { Outcome = outcomeFor, Message = detail, Errors = outcomeFor == TicketOutcome.Invalid ? errors : null };
    }

    private static (string Detail, Dictionary<string, string[]> Errors) Problem(string text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                {
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")];
                }
            }

            return (detail, errors);
        }
        catch (JsonException)
        {
            return ("The ticket API refused the request.", errors);
        }
    }

    private static void Put(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    private static void Put(JsonObject body, string name, Optional<string?> value)
    {
        if (value.HasValue)
        {
            body[name] = value.Value;
        }
    }

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
