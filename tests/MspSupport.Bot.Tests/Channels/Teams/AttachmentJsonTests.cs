using System.Text;
using System.Text.Json;
using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>A card's JSON goes to the Bot Connector as the bytes it was made of, and comes back from an activity as sent.</summary>
public sealed class AttachmentJsonTests
{
    private const string Card = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Printer \"B2\" <jammed> & café ☕ \u0007"}],"actions":[]}""";

    [Fact]
    public void A_card_is_written_as_its_own_bytes_and_reads_back_equal()
    {
        using var card = JsonDocument.Parse(Card);
        var activity = new Activity { Type = "message", Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = card.RootElement }] };

        var json = JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJsonContext.Default.Activity);
        var back = JsonSerializer.Deserialize(json, TeamsJsonContext.Default.Activity)!;

        Assert.Contains("\"content\":" + Card, Encoding.UTF8.GetString(json), StringComparison.Ordinal); // the escapes as they were
        var content = Assert.Single(back.Attachments!).Content!.Value;
        Assert.True(JsonElement.DeepEquals(card.RootElement, content));
        Assert.Equal("Printer \"B2\" <jammed> & café ☕ \u0007", content.GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void An_attachment_without_content_leaves_it_out()
    {
        var activity = new Activity { Type = "message", Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "https://example.test/a.png" }] };

        var json = JsonSerializer.Serialize(activity, TeamsJsonContext.Default.Activity);

        Assert.DoesNotContain("\"content\"", json, StringComparison.Ordinal);
        Assert.Contains("\"contentUrl\":\"https://example.test/a.png\"", json, StringComparison.Ordinal);
    }
}
