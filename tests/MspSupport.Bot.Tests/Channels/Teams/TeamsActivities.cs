using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>Recorded Teams messages addressed to a test's own conversation, and posting them signed by the stand-in.</summary>
internal static class TeamsActivities
{
    /// <summary>The recorded personal-chat message with the stand-in's serviceUrl, in <paramref name="conversation"/> of <paramref name="conversationType"/>.</summary>
    public static JsonObject Message(BotConnectorStandIn connector, string text, string conversation, string conversationType = "groupChat")
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", "message-personal.json");
        var activity = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        activity["serviceUrl"] = connector.ServiceUrl;
        activity["id"] = $"f:{Guid.NewGuid()}";
        activity["text"] = text;
        activity["conversation"]!["id"] = conversation;
        activity["conversation"]!["conversationType"] = conversationType;
        if (conversationType != "personal")
        {
            activity["conversation"]!["isGroup"] = true;
        }

        return activity;
    }

    /// <summary>POSTs <paramref name="activity"/> to <c>/api/messages</c> with a channel token the stand-in signed.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, BotConnectorStandIn connector, JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connector.CreateChannelToken(TeamsHost.AppId, connector.ServiceUrl));
        return await client.SendAsync(request);
    }

    /// <summary>What the bot sent into <paramref name="conversation"/>, in order.</summary>
    public static List<JsonObject> SentTo(BotConnectorStandIn connector, string conversation) =>
        connector.Sent.Where(a => (string?)a["conversation"]?["id"] == conversation).ToList();
}
