using System.Text.RegularExpressions;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Testing;
using YamlDotNet.RepresentationModel;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>manifests/slack/manifest.yaml says what the code does: routes, command, shortcuts, scopes, events.</summary>
public sealed partial class SlackManifestTests
{
    private static readonly YamlMappingNode Manifest = Load();

    [Fact]
    public void Request_urls_point_at_the_routes_the_host_maps()
    {
        Assert.Equal(SlackEndpoints.Events, Path(At("settings", "event_subscriptions", "request_url")));
        Assert.Equal(SlackEndpoints.Interactions, Path(At("settings", "interactivity", "request_url")));
        Assert.Equal(SlackEndpoints.OAuthCallback, Path(((YamlScalarNode)Sequence("oauth_config", "redirect_urls").Single()).Value!));
        var command = (YamlMappingNode)Sequence("features", "slash_commands").Single();
        Assert.Equal(SlackCommands.Command, Scalar(command, "command"));
        Assert.Equal(SlackEndpoints.Commands, Path(Scalar(command, "url")));
    }

    [Fact]
    public void Shortcut_callback_ids_are_the_ones_the_code_handles()
    {
        var shortcuts = Sequence("features", "shortcuts").Cast<YamlMappingNode>().ToDictionary(s => Scalar(s, "callback_id"), s => Scalar(s, "type"));
        Assert.Equal(new Dictionary<string, string> { [SlackInteractions.CreateTicketShortcut] = "global", [SlackInteractions.CreateTicketFromMessageShortcut] = "message" }, shortcuts);
    }

    [Fact]
    public void Scopes_and_events_are_exactly_what_the_code_asks_for_and_uses()
    {
        var scopes = Sequence("oauth_config", "scopes", "bot").Select(s => ((YamlScalarNode)s).Value!).ToList();
        Assert.Equal(SlackScopes.Bot.Order(StringComparer.Ordinal), scopes.Order(StringComparer.Ordinal));
        Assert.Equal(SlackScopes.Events.Order(StringComparer.Ordinal), Sequence("settings", "event_subscriptions", "bot_events").Select(s => ((YamlScalarNode)s).Value!).Order(StringComparer.Ordinal));

        // Every Web API method the client calls is listed with its scope, and that scope is requested.
        var client = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "src", "Bot", "Channels", "Slack", "SlackApiClient.cs"));
        var called = MethodName().Matches(client).Select(m => m.Groups["m"].Value).Distinct().ToList();
        Assert.NotEmpty(called);
        foreach (var method in called)
        {
            Assert.True(SlackScopes.Methods.TryGetValue(method, out var scope), $"{method} is called but SlackScopes.Methods does not list it");
            Assert.True(scope is null || scopes.Contains(scope), $"{method} needs {scope}, which the manifest does not request");
        }
    }

    private static string Path(string url) => new Uri(url).AbsolutePath;

    private static string At(params string[] keys) => ((YamlScalarNode)Node(keys)).Value!;

    private static YamlSequenceNode Sequence(params string[] keys) => (YamlSequenceNode)Node(keys);

    private static YamlNode Node(string[] keys) => keys.Aggregate((YamlNode)Manifest, (node, key) => ((YamlMappingNode)node)[new YamlScalarNode(key)]);

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[new YamlScalarNode(key)]).Value!;

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(System.IO.Path.Combine(RepositoryRoot.Path, "manifests", "slack", "manifest.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex("\"(?<m>[a-z]+(?:\\.[a-zA-Z0-9]+)+)\"")]
    private static partial Regex MethodName();
}
