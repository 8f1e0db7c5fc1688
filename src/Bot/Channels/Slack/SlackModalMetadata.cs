using System.Text.Json;
using System.Text.Json.Nodes;
using MspSupport.Bot.Rendering.BlockKit;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// What a modal remembers between opening and submission (its <c>private_metadata</c>, at most 3000 characters): the
/// verb and data its submit becomes, and the conversation to answer in (no channel: the user's DM with the app).
/// </summary>
public sealed record SlackModalMetadata(string Verb, IReadOnlyDictionary<string, string> Data, string? Channel, string? ThreadTs)
{
    public string Encode()
    {
        var data = new JsonObject();
        foreach (var (key, value) in Data)
        {
            data[key] = value;
        }

        var encoded = new JsonObject { ["verb"] = Verb, ["data"] = data, ["channel"] = Channel, ["thread"] = ThreadTs }.ToJsonString();
        return encoded.Length <= BlockKitLimits.PrivateMetadata ? encoded : (this with { Data = Data.Where(p => p.Value.Length < 200).ToDictionary() }).Encode();
    }

    public static SlackModalMetadata? Decode(string? value)
    {
        if (BlockKitActionValue.Decode(value) is not { } action)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(value!)!;
            return new SlackModalMetadata(action.Verb, action.Data, Text(node["channel"]), Text(node["thread"]));
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
    }
}
