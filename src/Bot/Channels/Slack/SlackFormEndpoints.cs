using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// <c>POST /slack/interactions</c> and <c>POST /slack/commands</c>: form-encoded bodies, verified on their raw bytes
/// before the form is read.
/// </summary>
public static class SlackFormEndpoints
{
    public static async Task<IResult> InteractionsAsync(HttpContext http, SlackRequestVerifier verifier, SlackInteractions interactions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (form, refused) = await ReadAsync(http, verifier, loggers, cancellationToken);
        if (form is null)
        {
            return refused!;
        }

        SlackInteraction? interaction;
        try
        {
            interaction = form.TryGetValue("payload", out var payload) ? JsonSerializer.Deserialize(payload, SlackInteractionJsonContext.Default.SlackInteraction) : null;
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction?.Type is null)
        {
            return Problems.Invalid("payload", "Expected a form field 'payload' holding a Slack interaction (JSON with a type).");
        }

        var answer = await interactions.HandleAsync(interaction, cancellationToken);
        return answer is null ? TypedResults.Ok() : TypedResults.Json(answer, SlackJsonContext.Default.JsonObject);
    }

    public static async Task<IResult> CommandsAsync(HttpContext http, SlackRequestVerifier verifier, SlackCommands commands, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (form, refused) = await ReadAsync(http, verifier, loggers, cancellationToken);
        if (form is null)
        {
            return refused!;
        }

        if (form.GetValueOrDefault("command") != SlackCommands.Command)
        {
            return Problems.Invalid("command", $"This endpoint serves {SlackCommands.Command} only.");
        }

        var answer = await commands.HandleAsync(form, cancellationToken);
        return answer is null ? TypedResults.Ok() : TypedResults.Json(answer, SlackJsonContext.Default.JsonObject);
    }

    private static async Task<(Dictionary<string, string>? Form, IResult? Refused)> ReadAsync(HttpContext http, SlackRequestVerifier verifier, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, failure) = await verifier.ReadVerifiedAsync(http.Request, cancellationToken);
        if (body is null)
        {
            SlackEventsEndpoint.LogRefused(loggers.CreateLogger(typeof(SlackFormEndpoints)), http.Request.Path, failure);
            return (null, SlackEventsEndpoint.Unauthorized());
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, Problems.Invalid("body", "The body is not valid UTF-8 text."));
        }

        var fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        return (fields.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), null);
    }
}
