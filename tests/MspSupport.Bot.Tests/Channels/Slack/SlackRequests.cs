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

    public static string NextTs() => $"1800000000.{Interlocked.Increment(ref _sequence):D6}";

    public static JsonObject Shape(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "slack", "shapes", name + ".json")))!.AsObject();
}
