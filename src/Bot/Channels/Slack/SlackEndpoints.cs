namespace MspSupport.Bot.Channels.Slack;

/// <summary>The Slack app's HTTP doors, as the app manifest lists them.</summary>
public static class SlackEndpoints
{
    public const string Events = "/slack/events";

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost(Events, SlackEventsEndpoint.HandleAsync).ExcludeFromDescription();
        return routes;
    }
}
