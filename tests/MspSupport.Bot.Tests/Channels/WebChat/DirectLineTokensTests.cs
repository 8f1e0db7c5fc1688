using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Testing;

namespace MspSupport.Bot.Tests.Channels.WebChat;

public sealed class DirectLineTokensTests
{
    private const string Key = "a-test-signing-key-of-at-least-32-chars!";
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly WebUser _user = new("browser-user-1", "Ada", "local");

    private DirectLineTokens Tokens(string key = Key, int minutes = 30) =>
        new(Options.Create(new WebChatOptions { TokenSigningKey = key, TokenLifetimeMinutes = minutes }), _clock);

    [Fact]
    public async Task A_token_names_its_conversation_and_user()
    {
        var tokens = Tokens();
        var issued = tokens.Issue("conv-1", _user);
        var check = await tokens.CheckAsync(issued.Token);
        Assert.Equal(TokenStatus.Valid, check.Status);
        Assert.Equal("conv-1", check.Grant!.ConversationId);
        Assert.Equal(_user, check.Grant.User);
        Assert.False(check.Grant.StreamOnly);
        Assert.Equal(1800, issued.ExpiresIn);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime()
    {
        var tokens = Tokens(minutes: 5);
        var token = tokens.Issue("conv-1", _user).Token;
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(TokenStatus.Valid, (await tokens.CheckAsync(token)).Status);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TokenStatus.Expired, (await tokens.CheckAsync(token)).Status);
    }

    [Fact]
    public async Task A_tampered_token_is_invalid()
    {
        var tokens = Tokens();
        var token = tokens.Issue("conv-1", _user).Token;
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
        var forged = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.Replace("conv-1", "conv-2", StringComparison.Ordinal));
        Assert.Equal(TokenStatus.Invalid, (await tokens.CheckAsync($"{parts[0]}.{forged}.{parts[2]}")).Status);
        Assert.Equal(TokenStatus.Invalid, (await tokens.CheckAsync(token[..^3] + "AAA")).Status);
        Assert.Equal(TokenStatus.Invalid, (await tokens.CheckAsync("not-a-token")).Status);
        Assert.Equal(TokenStatus.Missing, (await tokens.CheckAsync(null)).Status);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_invalid()
    {
        var other = Tokens("another-signing-key-that-is-32-chars-long");
        Assert.Equal(TokenStatus.Invalid, (await Tokens().CheckAsync(other.Issue("conv-1", _user).Token)).Status);
    }

    [Fact]
    public async Task A_stream_token_says_so()
    {
        var tokens = Tokens();
        var check = await tokens.CheckAsync(tokens.IssueStream("conv-1", _user));
        Assert.True(check.Grant!.StreamOnly);
    }

    [Theory]
    [InlineData("signed", null, "0123456789012345678901234567890123", "WebChat:TokenSigningKey")]
    [InlineData("signed", "0123456789012345678901234567890123", null, "WebChat:Auth:IdentitySecret")]
    [InlineData("portal", null, null, "WebChat:Auth:Mode")]
    [InlineData("local", "short", null, "WebChat:TokenSigningKey")]
    public void Settings_that_cannot_work_are_named_at_start_up(string mode, string? key, string? secret, string setting)
    {
        var options = new WebChatOptions { TokenSigningKey = key, Auth = new WebChatAuthOptions { Mode = mode, IdentitySecret = secret } };
        var result = new WebChatOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_valid_local_mode() => Assert.True(new WebChatOptionsValidator().Validate(null, new WebChatOptions()).Succeeded);
}
