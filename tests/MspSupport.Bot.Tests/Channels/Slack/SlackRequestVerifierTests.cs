using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Testing;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>The signing check against Slack's own documented example, and every way a request can fail it.</summary>
public sealed class SlackRequestVerifierTests
{
    private static readonly JsonObject Example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "slack", "signing-example.json")))!.AsObject();
    private static readonly string Secret = (string)Example["signing_secret"]!;
    private static readonly string Timestamp = (string)Example["timestamp"]!;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes((string)Example["body"]!);
    private static readonly string Expected = (string)Example["expected_signature"]!;

    [Fact]
    public void Slacks_documented_example_verifies_at_its_own_time()
    {
        Assert.Null(VerifierAt(Seconds(0)).Verify(Timestamp, Expected, Body));
    }

    [Fact]
    public void Sign_reproduces_the_documented_signature()
    {
        Assert.Equal(Expected, SlackRequestVerifier.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void Four_minutes_later_is_still_fresh_but_six_minutes_later_is_a_replay()
    {
        Assert.Null(VerifierAt(Seconds(240)).Verify(Timestamp, Expected, Body));
        Assert.Contains("replay", VerifierAt(Seconds(360)).Verify(Timestamp, Expected, Body), StringComparison.Ordinal);
        Assert.Contains("replay", VerifierAt(Seconds(-360)).Verify(Timestamp, Expected, Body), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_body_a_changed_secret_or_a_changed_timestamp_does_not_verify()
    {
        var tampered = Body.ToArray();
        tampered[^1] ^= 1;
        Assert.Contains("does not match", VerifierAt(Seconds(0)).Verify(Timestamp, Expected, tampered), StringComparison.Ordinal);
        Assert.Contains("does not match", VerifierAt(Seconds(0), "another-secret").Verify(Timestamp, Expected, Body), StringComparison.Ordinal);
        Assert.Contains("does not match", VerifierAt(Seconds(1)).Verify((long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Expected, Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1531420618", null)]
    [InlineData("", "")]
    [InlineData("yesterday", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", "v0=a2114d57")]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature)
    {
        Assert.NotNull(VerifierAt(Seconds(0)).Verify(timestamp, signature, Body));
    }

    private static DateTimeOffset Seconds(int after) => DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture) + after);

    private static SlackRequestVerifier VerifierAt(DateTimeOffset now, string? secret = null) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret ?? Secret }), new ManualTimeProvider(now));
}
