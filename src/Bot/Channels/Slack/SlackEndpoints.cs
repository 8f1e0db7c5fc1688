namespace MspSupport.Bot.Channels.Slack;

/// <summary>The Slack app's HTTP doors, as the app manifest lists them.</summary>
public static class SlackEndpoints
{
    public const string Events = "/slack/events";
    public const string Interactions = "/slack/interactions";
    public const string Commands = "/slack/commands";
    public const string Install = "/slack/install";
    public const string InstallLinks = "/slack/install-links";
    public const string OAuthCallback = "/slack/oauth/callback";

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost(Events, SlackEventsEndpoint.HandleAsync).ExcludeFromDescription();
        routes.MapPost(Interactions, SlackFormEndpoints.InteractionsAsync).ExcludeFromDescription();
        routes.MapPost(Commands, SlackFormEndpoints.CommandsAsync).ExcludeFromDescription();
        routes.MapPost(InstallLinks, SlackOAuthEndpoints.CreateLinkAsync).RequireAuthorization().ExcludeFromDescription();
        routes.MapGet(Install, SlackOAuthEndpoints.Install).ExcludeFromDescription();
        routes.MapGet(OAuthCallback, SlackOAuthEndpoints.CallbackAsync).ExcludeFromDescription();
        return routes;
    }
}
