using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// The web chat in signed mode, where the portal vouches for who is on the page: customer A's portal user (contoso)
/// against everything of customer B's (fabrikam): B's ticket by id, in the list, in forged card submissions; B's Direct
/// Line conversation with A's token; forged, expired, tampered and unsigned identity and Direct Line tokens; and B's
/// memories and stored conversation, even when A's portal user has the same user id as B's. Every attempt is refused
/// or answered as if B did not exist, and nothing of B's changes.
/// </summary>
public sealed class SignedWebChatIsolationTests(SignedWebChatIsolationHost host) : IClassFixture<SignedWebChatIsolationHost>
{
    private const string Contoso = SignedWebChatIsolationHostFactory.ContosoPortal;
    private const string Fabrikam = SignedWebChatIsolationHostFactory.FabrikamPortal;
    private const string SharedUserId = SignedWebChatIsolationHost.SharedUserId;

    [Theory]
    [InlineData("status of {0}")]
    [InlineData("{0}")]
    [InlineData("close {0}")]
    [InlineData("add a note to {0}: contoso was here")]
    public async Task A_portal_user_naming_another_customers_ticket_is_told_there_is_no_such_ticket(string message)
    {
        var (conversationId, token) = await host.StartAsync(Contoso, NewUserId());

        var seen = await host.SayAndSettleAsync(conversationId, token, string.Format(CultureInfo.InvariantCulture, message, host.Bobs.Id), "no ticket");

        AssertNothingOfBobs(seen);
        await host.Bobs.AssertUntouchedAsync();
    }

    [Fact]
    public async Task A_portal_users_ticket_list_holds_nothing_of_another_customers()
    {
        var (conversationId, token) = await host.StartAsync(Contoso, NewUserId());

        var seen = await host.SayAndSettleAsync(conversationId, token, "list my tickets", "There are no tickets to show");

        Assert.DoesNotContain(host.Bobs.Id, seen, StringComparison.OrdinalIgnoreCase);
        AssertNothingOfBobs(seen);
    }

    [Theory]
    [InlineData(CardVerbs.TicketShow)]
    [InlineData(CardVerbs.TicketClose)]
    [InlineData(CardVerbs.TicketAddNote)]
    [InlineData(CardVerbs.TicketUpdate)]
    public async Task A_forged_card_submission_carrying_another_customers_ticket_id_is_answered_no_such_ticket(string verb)
    {
        var (conversationId, token) = await host.StartAsync(Contoso, NewUserId());
        var before = host.Conversation(conversationId).Watermark;
        var submission = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = SharedUserId, ["name"] = "Bob (Fabrikam)" },
            ["value"] = new JsonObject
            {
                ["verb"] = verb,
                ["ticketId"] = host.Bobs.Id,
                ["note"] = "contoso was here",
                ["title"] = "Hijacked by contoso",
                ["status"] = "Closed",
                ["version"] = ((long)host.Bobs.Filed["version"]!).ToString(CultureInfo.InvariantCulture),
            },
        };

        using var posted = await host.DirectLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, submission.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var seen = await WaitForAsync(conversationId, token, before, "no ticket");
        AssertNothingOfBobs(seen);
        await host.Bobs.AssertUntouchedAsync();
    }

    [Fact]
    public async Task Identity_claims_naming_another_customer_or_a_staff_role_are_not_trusted()
    {
        // Correctly signed by contoso's portal, with every claim a careless portal might pass through from its user.
        var claims = new Dictionary<string, object>
        {
            ["customerId"] = "fabrikam",
            ["customer"] = "fabrikam",
            ["tenant"] = Fabrikam,
            ["role"] = "Technician",
            ["roles"] = new[] { "Admin" },
        };
        var (conversationId, token) = await host.StartAsync(Contoso, NewUserId(), claims);

        var status = await host.SayAndSettleAsync(conversationId, token, $"status of {host.Bobs.Id}", "no ticket");
        var list = await host.SayAndSettleAsync(conversationId, token, "list my tickets", "There are no tickets to show");

        AssertNothingOfBobs(status + list);
        Assert.DoesNotContain("all customers", list, StringComparison.OrdinalIgnoreCase);
        await host.Bobs.AssertUntouchedAsync();
    }

    [Fact]
    public async Task A_direct_line_token_cannot_open_read_or_post_into_another_customers_conversation()
    {
        // A's portal user has the very user id B's has; only the portal tenant differs.
        var (mine, token) = await host.StartAsync(Contoso, SharedUserId);
        var before = await SnapshotAsync();
        var bobs = host.BobsConversationId;
        using var reconnected = await host.DirectLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{mine}", token);
        var streamUrl = new Uri((string)(await reconnected.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!);

        var attempts = new List<HttpResponseMessage>
        {
            await host.DirectLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{bobs}", token),
            await host.DirectLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{bobs}/activities", token),
            await host.DirectLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{bobs}/activities?watermark=0", token),
            await host.DirectLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{bobs}/activities", token, Message($"close {host.Bobs.Id}")),
            await host.DirectLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{bobs}/activities", token, Message("remember that contoso was here")),
            await UploadAsync(bobs, token),
            // A's own stream token (it rides in A's streamUrl) pointed at B's conversation.
            await host.Client.GetAsync($"/v3/directline/conversations/{bobs}/stream{streamUrl.Query}"),
        };

        foreach (var attempt in attempts)
        {
            using (attempt)
            {
                Assert.True(attempt.StatusCode == HttpStatusCode.Forbidden, $"{attempt.RequestMessage!.Method} {attempt.RequestMessage.RequestUri}: {attempt.StatusCode}");
                AssertNothingOfBobs(await attempt.Content.ReadAsStringAsync());
            }
        }

        // Starting "a" conversation with A's token only ever reaches A's own.
        using var started = await host.DirectLine.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(mine, (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!);
        await AssertNothingWrittenAsync(before);
    }

    public static TheoryData<string> ForgedIdentities() =>
    [
        "signed with another secret",
        "signed with the Direct Line key",
        "expired",
        "not yet valid",
        "without expiry",
        "another issuer",
        "no issuer",
        "another audience",
        "no audience",
        "tenant claim changed to another customer's portal",
        "unsigned",
    ];

    [Theory]
    [MemberData(nameof(ForgedIdentities))]
    public async Task A_forged_identity_gets_no_direct_line_token_and_no_way_in(string forgery)
    {
        var before = await SnapshotAsync();
        var identity = ForgeIdentity(forgery);

        using var generated = await host.GenerateAsync(identity);

        Assert.Equal(HttpStatusCode.Unauthorized, generated.StatusCode);
        Assert.Null((await generated.Content.ReadFromJsonAsync<JsonObject>())!["token"]);

        // Nor does the identity token itself open anything as a Direct Line token.
        await AssertRefusedOnBobsConversationAsync(identity);
        await AssertNothingWrittenAsync(before);
    }

    [Fact]
    public async Task A_direct_line_token_is_not_an_identity_and_gets_no_new_token()
    {
        var (_, token) = await host.StartAsync(Contoso, SharedUserId);
        var before = await SnapshotAsync();

        using var generated = await host.GenerateAsync(token);
        using var bobs = await host.GenerateAsync(host.BobsToken);

        Assert.Equal(HttpStatusCode.Unauthorized, generated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bobs.StatusCode);
        await AssertNothingWrittenAsync(before);
    }

    public static TheoryData<string> ForgedDirectLineTokens() =>
    [
        "signed with another key",
        "signed with the portal's identity secret",
        "conversation claim changed to another customer's conversation",
        "expired",
        "unsigned",
        "another customer's identity token",
    ];

    [Theory]
    [MemberData(nameof(ForgedDirectLineTokens))]
    public async Task A_forged_direct_line_token_for_another_customers_conversation_is_refused_and_writes_nothing(string forgery)
    {
        var token = await ForgeDirectLineTokenAsync(forgery);
        var before = await SnapshotAsync();

        await AssertRefusedOnBobsConversationAsync(token);
        using var refreshed = await host.DirectLine.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.Forbidden, refreshed.StatusCode);
        await AssertNothingWrittenAsync(before);
    }

    [Fact]
    public async Task A_token_naming_another_customers_conversation_for_a_user_with_the_same_id_is_refused_even_when_signed_with_the_hosts_key()
    {
        // Defence in depth: were the conversation check ever bypassed (a leaked key, a bug), the conversation's owner is
        // the whole identity, tenant included, and a turn would otherwise run as B.
        var token = DirectLineToken(host.BobsConversationId, Contoso, SharedUserId, SignedWebChatIsolationHostFactory.TokenSigningKey);
        var before = await SnapshotAsync();

        await AssertRefusedOnBobsConversationAsync(token);

        await AssertNothingWrittenAsync(before);
    }

    [Fact]
    public async Task What_the_assistant_remembers_is_never_another_customers_even_for_the_same_user_id()
    {
        var (conversationId, token) = await host.StartAsync(Contoso, SharedUserId);

        var seen = await host.SayAndSettleAsync(conversationId, token, "what do you remember about me?", "about you");

        Assert.Contains("I don't keep anything about you yet", seen, StringComparison.Ordinal);
        AssertNothingOfBobs(seen);
        var stored = await host.StoredConversations().GetAsync($"web:{conversationId}", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal($"web:{Contoso}:{SharedUserId}", stored.UserId);
        AssertNothingOfBobs(string.Join("\n", stored.Messages.Select(m => m.Text)));
    }

    [Fact]
    public async Task Forget_me_with_the_same_user_id_under_another_portal_erases_nothing_of_the_other_customers()
    {
        var (conversationId, token) = await host.StartAsync(Contoso, SharedUserId);
        await host.SayAndSettleAsync(conversationId, token, "remember that contoso prefers phone calls", "I'll remember");
        var before = await SnapshotAsync();

        var forgot = await host.SayAndSettleAsync(conversationId, token, "forget me", "I erased");

        // Only A's one memory went; B's (under the same user id, another portal) is still there.
        Assert.Contains("I erased 1 memory item(s)", forgot, StringComparison.Ordinal);
        AssertNothingOfBobs(forgot);
        var recalled = await host.SayAndSettleAsync(conversationId, token, "what do you remember about me?", "about you");
        Assert.Contains("I don't keep anything about you yet", recalled, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(before);
    }

    private async Task AssertRefusedOnBobsConversationAsync(string token)
    {
        var bobs = host.BobsConversationId;
        var attempts = new List<HttpResponseMessage>
        {
            await host.DirectLine.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token),
            await host.DirectLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{bobs}", token),
            await host.DirectLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{bobs}/activities", token),
            await host.DirectLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{bobs}/activities", token, Message($"close {host.Bobs.Id}")),
            await UploadAsync(bobs, token),
            await host.Client.GetAsync($"/v3/directline/conversations/{bobs}/stream?t={Uri.EscapeDataString(token)}"),
        };

        foreach (var attempt in attempts)
        {
            using (attempt)
            {
                Assert.True(
                    attempt.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
                    $"{attempt.RequestMessage!.Method} {attempt.RequestMessage.RequestUri}: {attempt.StatusCode}");
                AssertNothingOfBobs(await attempt.Content.ReadAsStringAsync());
            }
        }
    }

    private static string ForgeIdentity(string forgery)
    {
        var userId = NewUserId();
        return forgery switch
        {
            "signed with another secret" => Identity(userId, secret: "not-the-portal-secret-but-long-enough-0123456789"),
            "signed with the Direct Line key" => Identity(userId, secret: SignedWebChatIsolationHostFactory.TokenSigningKey),
            "expired" => Identity(userId, shift: TimeSpan.FromMinutes(-20)),
            "not yet valid" => Identity(userId, shift: TimeSpan.FromMinutes(20)),
            "without expiry" => Identity(userId, expires: false),
            "another issuer" => Identity(userId, issuer: "https://evil.example"),
            "no issuer" => Identity(userId, issuer: null),
            "another audience" => Identity(userId, audience: "some-other-app"),
            "no audience" => Identity(userId, audience: null),
            "tenant claim changed to another customer's portal" =>
                Tamper(SignedWebChatIsolationHost.IdentityToken(Contoso, userId), "tid", Fabrikam),
            "unsigned" => Unsigned(Payload(SignedWebChatIsolationHost.IdentityToken(Fabrikam, SharedUserId))),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null),
        };

        // Everything B's portal user would present, but not as B's portal signs it.
        static string Identity(string userId, string secret = SignedWebChatIsolationHostFactory.IdentitySecret,
            string? issuer = SignedWebChatIsolationHostFactory.PortalIssuer, string? audience = SignedWebChatIsolationHostFactory.PortalAudience,
            TimeSpan? shift = null, bool expires = true) =>
            SignedWebChatIsolationHost.IdentityToken(Fabrikam, userId, secret, issuer, audience, shift, expires);
    }

    private async Task<string> ForgeDirectLineTokenAsync(string forgery)
    {
        var bobs = host.BobsConversationId;
        switch (forgery)
        {
            case "signed with another key":
                return DirectLineToken(bobs, Fabrikam, SharedUserId, "not-the-direct-line-key-but-long-enough-0123456789");
            case "signed with the portal's identity secret":
                return DirectLineToken(bobs, Fabrikam, SharedUserId, SignedWebChatIsolationHostFactory.IdentitySecret);
            case "conversation claim changed to another customer's conversation":
                var (_, mine) = await host.StartAsync(Contoso, SharedUserId);
                return Tamper(mine, "conv", bobs);
            case "expired":
                return DirectLineToken(bobs, Fabrikam, SharedUserId, SignedWebChatIsolationHostFactory.TokenSigningKey, TimeSpan.FromHours(-1));
            case "unsigned":
                return Unsigned(Payload(host.BobsToken));
            case "another customer's identity token":
                return SignedWebChatIsolationHost.IdentityToken(Fabrikam, SharedUserId);
            default:
                throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null);
        }
    }

    /// <summary>A Direct Line token as this host issues them (issuer, audience, conversation, user), signed with <paramref name="key"/>.</summary>
    private static string DirectLineToken(string conversationId, string tenant, string userId, string key, TimeSpan? shift = null)
    {
        var now = DateTime.UtcNow + (shift ?? TimeSpan.Zero);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DirectLineTokens.Issuer,
            Audience = DirectLineTokens.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["conv"] = conversationId, ["tid"] = tenant },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static JsonObject Payload(string token) => JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();

    /// <summary>The token with one claim changed and the original signature kept.</summary>
    private static string Tamper(string token, string claim, string value)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        payload[claim] = value;
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static string Unsigned(JsonObject payload) =>
        $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.";

    private static string Message(string text) =>
        new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = SharedUserId } }.ToJsonString();

    private Task<HttpResponseMessage> UploadAsync(string conversationId, string token)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("contoso was here"u8.ToArray()), "file", "contoso.txt" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={SharedUserId}") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.Client.SendAsync(request);
    }

    /// <summary>Polls the conversation after <paramref name="watermark"/> until a reply holds <paramref name="expected"/>.</summary>
    private async Task<string> WaitForAsync(string conversationId, string token, long watermark, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var seen = SignedWebChatIsolationHost.Json((await host.DirectLine.ActivitiesAsync(conversationId, token, watermark.ToString(CultureInfo.InvariantCulture)))["activities"]!);
            if (seen.Contains(expected, StringComparison.OrdinalIgnoreCase))
            {
                return seen;
            }

            Assert.False(timeout.IsCancellationRequested, $"No reply saying \"{expected}\": {seen}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>What A's attempts must leave as it was: B's conversation (log and stored copy), B's memories, the tickets.</summary>
    private sealed record Snapshot(int Conversations, long BobsWatermark, string BobsLog, string BobsStored, string BobsMemories);

    private async Task<Snapshot> SnapshotAsync()
    {
        var log = SignedWebChatIsolationHost.Json((await host.DirectLine.ActivitiesAsync(host.BobsConversationId, host.BobsToken))["activities"]!);
        var stored = await host.StoredConversations().GetAsync($"web:{host.BobsConversationId}", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(SignedWebChatIsolationHost.BobsActorKey, stored.UserId);
        Assert.Contains(stored.Messages, m => m.Text.Contains(SignedWebChatIsolationHost.BobsMemory, StringComparison.Ordinal));
        var memories = await host.Memories().ListByActorAsync(SignedWebChatIsolationHost.BobsActorKey, CancellationToken.None);
        Assert.Contains(memories, m => m.Text == SignedWebChatIsolationHost.BobsMemory);
        return new Snapshot(
            host.Conversations().Count,
            host.Conversation(host.BobsConversationId).Watermark,
            log,
            string.Join("\n", stored.Messages.Select(m => $"{m.Role}|{m.Author}|{m.Text}")) + $"|v{stored.Version}",
            string.Join("\n", memories.Select(m => $"{m.Namespace}|{m.Id}|{m.Text}")));
    }

    private async Task AssertNothingWrittenAsync(Snapshot before)
    {
        var after = await SnapshotAsync();
        Assert.Equal(before, after);

        await host.Bobs.AssertUntouchedAsync();
        using var contosos = await BobsTicket.SendAsync(host.Client, HttpMethod.Get, "/tickets?customerId=contoso", SignedWebChatIsolationHostFactory.TechKey);
        Assert.Equal(HttpStatusCode.OK, contosos.StatusCode);
        Assert.Empty((await contosos.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
    }

    private static void AssertNothingOfBobs(string seen)
    {
        BobsTicket.AssertNothingOfBobs(seen);
        Assert.DoesNotContain(SignedWebChatIsolationHost.BobsMemory, seen, StringComparison.OrdinalIgnoreCase);
        // The secret's own words, not its digits alone: "7731" also turns up, by chance, in timestamps and ids.
        Assert.DoesNotContain("7731-kestrel", seen, StringComparison.OrdinalIgnoreCase);
    }

    private static string NewUserId() => $"portal-user-{Guid.NewGuid():N}";
}
