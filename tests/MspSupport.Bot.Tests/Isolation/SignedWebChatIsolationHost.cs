using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Bot.Tests.Channels.WebChat;
using MspSupport.Core.Memory;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// The signed-mode web chat host with customer B present twice: its ticket (<see cref="BobsTicket"/>, filed with the
/// technician key) and its portal user in a web chat conversation, who asked the assistant to remember something and
/// looked at the ticket, so that B's Direct Line log, stored conversation and memories all hold B's data. B's portal
/// user id is <see cref="SharedUserId"/>, which a contoso portal user may have too: portals number their users alike.
/// </summary>
public sealed class SignedWebChatIsolationHost : IAsyncLifetime
{
    /// <summary>The user id B's portal user has, and that A's tests reuse under A's portal.</summary>
    public const string SharedUserId = "portal-user-0042";

    /// <summary>What B asked the assistant to remember; A must never see it.</summary>
    public const string BobsMemory = "the fabrikam VPN fallback PIN is 7731-kestrel";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private BobsTicket _bobs = null!;

    internal SignedWebChatIsolationHostFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    internal DirectLineClient DirectLine { get; private set; } = null!;

    internal BobsTicket Bobs => _bobs;

    /// <summary>B's web chat conversation and B's Direct Line token for it.</summary>
    public string BobsConversationId { get; private set; } = "";

    public string BobsToken { get; private set; } = "";

    /// <summary>The key B's memories and stored conversations are kept under.</summary>
    public static string BobsActorKey => $"web:{SignedWebChatIsolationHostFactory.FabrikamPortal}:{SharedUserId}";

    public async Task InitializeAsync()
    {
        Factory = new SignedWebChatIsolationHostFactory();
        Client = Factory.CreateClient();
        DirectLine = new DirectLineClient(Client);
        await Factory.WaitForKnowledgeAsync();
        _bobs = await BobsTicket.FileAsync(Client, SignedWebChatIsolationHostFactory.TechKey);

        (BobsConversationId, BobsToken) = await StartAsync(SignedWebChatIsolationHostFactory.FabrikamPortal, SharedUserId);
        await SayAndSettleAsync(BobsConversationId, BobsToken, $"remember that {BobsMemory}", "I'll remember");
        await SayAndSettleAsync(BobsConversationId, BobsToken, $"status of {_bobs.Id}", BobsTicket.Title);
        Assert.Contains(await Memories().ListByActorAsync(BobsActorKey, CancellationToken.None), m => m.Text == BobsMemory);
    }

    /// <summary>
    /// An identity token as a portal signs it: HS256 with the portal's secret, issuer, audience, the user, the portal
    /// tenant and ten minutes of life, unless the test changes one of them.
    /// </summary>
    public static string IdentityToken(
        string tenant,
        string userId,
        string secret = SignedWebChatIsolationHostFactory.IdentitySecret,
        string? issuer = SignedWebChatIsolationHostFactory.PortalIssuer,
        string? audience = SignedWebChatIsolationHostFactory.PortalAudience,
        TimeSpan? shift = null,
        bool expires = true,
        IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var now = DateTime.UtcNow + (shift ?? TimeSpan.Zero);
        var claims = new Dictionary<string, object> { ["sub"] = userId, ["name"] = $"{userId} ({tenant})", ["tid"] = tenant };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ? now.AddMinutes(10) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Exchanges an identity token for a Direct Line token: the response as the endpoint gave it.</summary>
    public Task<HttpResponseMessage> GenerateAsync(string identityToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identityToken);
        return Client.SendAsync(request);
    }

    /// <summary>A portal user of <paramref name="tenant"/> opens the chat: token, then a started (and greeted) conversation.</summary>
    public async Task<(string ConversationId, string Token)> StartAsync(string tenant, string userId, IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        using var generated = await GenerateAsync(IdentityToken(tenant, userId, extraClaims: extraClaims));
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var token = (string)(await generated.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        using var started = await DirectLine.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var conversationId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!;
        return (conversationId, token);
    }

    /// <summary>
    /// Posts <paramref name="text"/>, waits for a reply holding <paramref name="expected"/> and then for the turn to end
    /// (its memory saved, nothing more to come); returns the activities from <paramref name="text"/> on as JSON.
    /// </summary>
    public async Task<string> SayAndSettleAsync(string conversationId, string token, string text, string expected)
    {
        var before = Conversation(conversationId).Watermark;
        await DirectLine.PostMessageAsync(conversationId, token, text);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var since = before.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            var activities = (await DirectLine.ActivitiesAsync(conversationId, token, since))["activities"]!;
            var seen = Json(activities);
            if (activities.AsArray().Skip(1).Any(a => Json(a!).Contains(expected, StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }

            Assert.False(timeout.IsCancellationRequested, $"No reply saying \"{expected}\": {seen}");
            await Task.Delay(20, CancellationToken.None);
        }

        var gate = Conversation(conversationId).TurnGate;
        await gate.WaitAsync(timeout.Token);
        gate.Release();
        return Json((await DirectLine.ActivitiesAsync(conversationId, token, since))["activities"]!);
    }

    /// <summary>JSON as a person would read it (apostrophes and the like unescaped), for tests to search.</summary>
    public static string Json(JsonNode node) => node.ToJsonString(Readable);

    internal WebConversation Conversation(string conversationId) =>
        Conversations().Find(conversationId) ?? throw new InvalidOperationException($"No web conversation {conversationId}.");

    internal WebConversations Conversations() => Factory.Services.GetRequiredService<WebConversations>();

    internal IMemoryStore Memories() => Factory.Services.GetRequiredService<IMemoryStore>();

    internal IConversationStore StoredConversations() => Factory.Services.GetRequiredService<IConversationStore>();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
