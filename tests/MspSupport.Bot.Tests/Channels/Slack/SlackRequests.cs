using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Testing;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>Slack's requests as Slack sends them: payloads from the documented shapes, signed with the test secret.</summary>
internal static class SlackRequests
{
    private static int _sequence;

    public static HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset? at = null, string? secret = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add(SlackRequestVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackRequestVerifier.SignatureHeader, SlackRequestVerifier.Sign(secret ?? SlackHostFactory.SigningSecret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static HttpRequestMessage Event(JsonObject envelope, DateTimeOffset? at = null) => Signed(SlackEndpoints.Events, envelope.ToJsonString(), "application/json", at);

    public static HttpRequestMessage Form(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var body = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return Signed(path, body, "application/x-www-form-urlencoded");
    }

    /// <summary>An <c>event_callback</c> from the documented payload shape, filled in.</summary>
    public static JsonObject Envelope(string shape, string team, Action<JsonObject> fill)
    {
        var envelope = Shape(shape);
        envelope["type"] = "event_callback";
        envelope["team_id"] = team;
        envelope["api_app_id"] = "A0ASSISTANT";
        envelope["event_id"] = $"Ev{Interlocked.Increment(ref _sequence):D8}";
        envelope["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        envelope["authorizations"]![0]!["team_id"] = team;
        envelope["authorizations"]![0]!["user_id"] = SlackHostFactory.BotUser;
        envelope["authorizations"]![0]!["is_bot"] = true;
        var e = envelope["event"]!.AsObject();
        e.Remove("bot_profile");
        e.Remove("blocks");
        e.Remove("files");
        fill(e);
        return envelope;
    }

    public static JsonObject Mention(string team, string user, string channel, string text, string? threadTs = null) => Envelope("AppMentionPayload", team, e =>
    {
        e["user"] = user;
        e["bot_id"] = "";
        e["subtype"] = "";
        e["text"] = $"<@{SlackHostFactory.BotUser}> {text}";
        e["channel"] = channel;
        e["ts"] = NextTs();
        e["thread_ts"] = threadTs;
        e["team"] = team;
    });

    public static JsonObject Message(string team, string user, string channel, string channelType, string text, string? threadTs = null) => Envelope("MessagePayload", team, e =>
    {
        e["user"] = user;
        e["bot_id"] = "";
        e.Remove("subtype");
        e["text"] = text;
        e["channel"] = channel;
        e["channel_type"] = channelType;
        e["ts"] = NextTs();
        e["thread_ts"] = threadTs;
        e["team"] = team;
    });

    /// <summary>A <c>/ticket</c> slash command as Slack posts it (the documented payload shape, filled in).</summary>
    public static HttpRequestMessage Command(string team, string user, string channel, string text)
    {
        var shape = Shape("SlashCommandPayload");
        shape["team_id"] = team;
        shape["user_id"] = user;
        shape["user_name"] = user.ToLowerInvariant();
        shape["channel_id"] = channel;
        shape["command"] = "/ticket";
        shape["text"] = text;
        shape["trigger_id"] = $"trigger.{NextTs()}";
        shape["response_url"] = "https://hooks.slack.com/commands/unused";
        return Form(SlackEndpoints.Commands, shape.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.ToString() ?? "")));
    }

    /// <summary>An interactivity payload as Slack posts it: form field <c>payload</c> holding the JSON.</summary>
    public static HttpRequestMessage Interaction(JsonObject payload) => Form(SlackEndpoints.Interactions, [new("payload", payload.ToJsonString())]);

    /// <summary>A <c>view_submission</c> of a modal the bot opened, with these input values.</summary>
    public static JsonObject Submission(string team, string user, JsonObject openedView, IReadOnlyDictionary<string, string> values)
    {
        var payload = Shape("ViewSubmissionPayload");
        payload["team"]!["id"] = team;
        payload["user"]!["id"] = user;
        payload["user"]!["team_id"] = team;
        payload["trigger_id"] = $"trigger.{NextTs()}";
        var view = payload["view"]!.AsObject();
        view["id"] = "V00000001";
        view["callback_id"] = (string?)openedView["callback_id"];
        view["private_metadata"] = (string?)openedView["private_metadata"];
        var state = new JsonObject();
        foreach (var block in openedView["blocks"]!.AsArray())
        {
            var id = (string)block!["block_id"]!;
            var type = (string)block["element"]!["type"]!;
            var value = values.GetValueOrDefault(id);
            state[id] = new JsonObject
            {
                [id] = type == "static_select"
                    ? new JsonObject { ["type"] = type, ["selected_option"] = value is null ? null : new JsonObject { ["value"] = value, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value } } }
                    : new JsonObject { ["type"] = type, ["value"] = value },
            };
        }

        view["state"] = new JsonObject { ["values"] = state };
        return payload;
    }

    /// <summary>A <c>block_actions</c> click on a button the bot posted.</summary>
    public static JsonObject Click(string team, string user, string channel, string messageTs, string? threadTs, JsonObject button)
    {
        var payload = Shape("BlockActionPayload");
        payload["team"]!["id"] = team;
        payload["user"]!["id"] = user;
        payload["user"]!["team_id"] = team;
        payload["trigger_id"] = $"trigger.{NextTs()}";
        payload["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false };
        payload["channel"] = new JsonObject { ["id"] = channel, ["name"] = "support" };
        payload["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["thread_ts"] = threadTs, ["text"] = "", ["user"] = SlackHostFactory.BotUser };
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = (string?)button["action_id"],
            ["block_id"] = "b1",
            ["value"] = (string?)button["value"],
            ["action_ts"] = NextTs(),
        });
        payload.Remove("view");
        payload.Remove("state");
        return payload;
    }

    public static string NextTs() => $"1800000000.{Interlocked.Increment(ref _sequence):D6}";

    public static JsonObject Shape(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "slack", "shapes", name + ".json")))!.AsObject();
}
