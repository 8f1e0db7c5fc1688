using System.Text.Json;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// <c>POST /api/messages</c>: authenticate the bearer token before the body is read, then parse the activity, tie the
/// token to it, remember its serviceUrl as trusted, and hand it to the <see cref="ITeamsActivityHandler"/>: at once for
/// an invoke (its answer is the response body), through the <see cref="TeamsActivityLanes"/> after acknowledging for
/// everything else.
/// </summary>
public static partial class TeamsEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;
    private const int MaxDepth = 64;

    public static IEndpointConventionBuilder MapTeams(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/messages", HandleAsync).ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        BotFrameworkAuthenticator authenticator,
        TrustedServiceUrls trusted,
        ConnectorClient connector,
        ITeamsActivityHandler handler,
        TeamsActivityLanes queue,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TeamsEndpoint));
        var authentication = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization, cancellationToken);
        if (!authentication.Succeeded)
        {
            LogRefused(logger, authentication.Failure);
            return Unauthorized();
        }

        var (document, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken, MaxBodyBytes, MaxDepth);
        if (problem is not null)
        {
            return problem;
        }

        Activity? activity;
        using (document)
        {
            try
            {
                activity = document!.Deserialize(TeamsJsonContext.Default.Activity);
            }
            catch (JsonException)
            {
                activity = null;
            }
        }

        if (activity?.Type is null || activity.Conversation?.Id is null || activity.ServiceUrl is null)
        {
            return Problems.Invalid("body", "Expected a Bot Framework activity with type, conversation.id and serviceUrl.");
        }

        if (BotFrameworkAuthenticator.Matches(authentication, activity) is { } mismatch)
        {
            LogRefused(logger, mismatch);
            return Unauthorized();
        }

        trusted.Trust(activity.ServiceUrl);
        var turn = new TeamsTurn(activity, connector);
        if (activity.Type != "invoke")
        {
            return await queue.EnqueueAsync(turn, cancellationToken)
                ? TypedResults.Ok()
                : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Shutting down",
                    detail: "The bot is restarting and takes no new activities; send it again in a moment.");
        }

        try
        {
            var response = await handler.OnActivityAsync(turn, cancellationToken);
            return response is null
                ? TypedResults.Ok()
                : TypedResults.Json(response.Body, statusCode: response.Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Last resort: the handler is meant to answer every failure itself. Acknowledge, so that the channel does
            // not resend the action and double its effect; Teams shows the user that the card action failed.
            LogHandlerFailed(logger, e, activity.Type, activity.Id);
            return TypedResults.Ok();
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated",
            detail: "The request does not carry a valid Bot Framework token for this bot.");

    [LoggerMessage(1, LogLevel.Warning, "Refused a Bot Framework request: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? reason);

    [LoggerMessage(2, LogLevel.Error, "Handling a {Type} activity ({ActivityId}) failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string? type, string? activityId);
}
