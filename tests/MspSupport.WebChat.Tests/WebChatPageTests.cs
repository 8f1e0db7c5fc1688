using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;

namespace MspSupport.WebChat.Tests;

/// <summary>
/// The web chat page in Debian's Chromium, driven by Playwright, against the real bot host on Kestrel: what a customer
/// does from greeting to a filed ticket, a reload, and a second browser that must not see the first one's chat.
/// Screenshots of each step go to artifacts/test-results/webchat.
/// </summary>
public sealed partial class WebChatPageTests : IAsyncLifetime
{
    private const string Answer = "Reconnect the VPN client and update its network driver; drops every few minutes usually come from power saving on the adapter [1].";
    private static readonly string Shots = Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", "webchat");
    private RecordingHttpServer _model = null!;
    private KestrelBotHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Shots);
        _model = await RecordingHttpServer.StartAsync(SearchingModelStandIn.Answering(Answer));
        _host = new KestrelBotHost(_model.BaseAddress);
        _host.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_chats_files_a_ticket_reloads_and_a_second_browser_sees_none_of_it()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var chunks = CountLivestreamChunks(page); // before the page opens its WebSocket
        await page.GotoAsync(_host.Address.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contoso IT support" })).ToBeVisibleAsync();

        // Greeting: the welcome card.
        await SayAsync(page, "hello");
        await Assertions.Expect(Cards(page).Last.GetByRole(AriaRole.Button, new() { Name = "New ticket" })).ToBeVisibleAsync();
        await ShotAsync(page, "1-welcome");

        // A knowledge question: livestreamed (typing activities on the WebSocket), then the final answer with its sources.
        await SayAsync(page, "How do I fix VPN drops?");
        var answer = page.Locator(".webchat__bubble__content").Filter(new() { HasText = "power saving on the adapter" });
        await Assertions.Expect(answer.Last).ToBeVisibleAsync();
        await Assertions.Expect(answer.Last).ToContainTextAsync("Sources");
        Assert.True(chunks.Count > 1, $"expected the answer to arrive in livestream chunks, saw {chunks.Count}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the debug panel" }).ClickAsync();
        var debug = page.Locator(".debug-entry").Last;
        await Assertions.Expect(debug).ToContainTextAsync("standin-");
        await Assertions.Expect(debug).ToContainTextAsync("[1]");
        await Assertions.Expect(debug).ToContainTextAsync("in /");
        await ShotAsync(page, "2-streamed-answer-with-citations-and-debug");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide the debug panel" }).ClickAsync();

        // "create a ticket for printer jam": the form; an empty title is refused with the error on the card; fixed, it files.
        await SayAsync(page, "create a ticket for printer jam");
        var form = Cards(page).Filter(new() { HasText = "New ticket" }).Last;
        var title = form.Locator("input.ac-textInput").First;
        await Assertions.Expect(title).ToHaveValueAsync(PrinterJam());
        await title.FillAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create ticket" }).ClickAsync();
        // The card's own validation (the title input is required) shows the error before anything is sent.
        await Assertions.Expect(form).ToContainTextAsync("Title is required.");
        await ShotAsync(page, "3-form-error");
        await title.FillAsync("Printer jam on floor 2");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create ticket" }).ClickAsync();
        var ticketCard = Cards(page).Filter(new() { HasTextRegex = TicketId() }).Last;
        await Assertions.Expect(ticketCard).ToBeVisibleAsync();
        var ticketId = TicketId().Match(await ticketCard.InnerTextAsync()).Value;
        await ShotAsync(page, "4-ticket-card");

        // The ticket is there in the ticket API, for the local customer, from the web.
        using var api = new HttpClient { BaseAddress = _host.Address };
        api.DefaultRequestHeaders.Add("x-api-key", KestrelBotHost.TechKey);
        var list = (await api.GetFromJsonAsync<JsonObject>("tickets?customerId=contoso"))!;
        var stored = list["items"]!.AsArray().Single(t => (string)t!["ticketId"]! == ticketId)!;
        Assert.Equal("Printer jam on floor 2", (string)stored["title"]!);
        Assert.Equal("web", (string)stored["source"]!);

        // A reload keeps the conversation (same id, history shown again).
        var conversationId = await page.EvaluateAsync<string>("JSON.parse(localStorage.getItem('msp-webchat-conversation')).conversationId");
        await page.ReloadAsync();
        await Assertions.Expect(Cards(page).Filter(new() { HasText = ticketId }).First).ToBeVisibleAsync();
        Assert.Equal(conversationId, await page.EvaluateAsync<string>("JSON.parse(localStorage.getItem('msp-webchat-conversation')).conversationId"));
        await ShotAsync(page, "5-after-reload");

        // A second browser context is another user: its own empty chat, and the first one's conversation is closed to it.
        await using var other = await _browser.NewContextAsync();
        var stranger = await other.NewPageAsync();
        await stranger.GotoAsync(_host.Address.ToString());
        await SayAsync(stranger, "hello");
        await Assertions.Expect(Cards(stranger).Last.GetByRole(AriaRole.Button, new() { Name = "New ticket" })).ToBeVisibleAsync();
        Assert.Equal(0, await stranger.Locator(".webchat__bubble__content").Filter(new() { HasText = "printer" }).CountAsync());
        var strangerToken = await stranger.EvaluateAsync<string>("JSON.parse(localStorage.getItem('msp-webchat-conversation')).token");
        using var peek = new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities");
        peek.Headers.Authorization = new AuthenticationHeaderValue("Bearer", strangerToken);
        using var refused403 = await api.SendAsync(peek);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused403.StatusCode);
        await ShotAsync(stranger, "6-second-browser");
    }

    private static ILocator Cards(IPage page) => page.Locator(".ac-adaptiveCard");

    private static async Task SayAsync(IPage page, string text)
    {
        await page.Locator("body[data-connected='true']").WaitForAsync();
        var box = page.Locator("[data-id='webchat-sendbox-input']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    /// <summary>Counts the livestream typing activities the page receives (Web Chat's store sees every incoming activity).</summary>
    private static List<string> CountLivestreamChunks(IPage page)
    {
        var chunks = new List<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            if (frame.Text is { Length: > 0 } text && text.Contains("\"streamType\":\"streaming\"", StringComparison.Ordinal))
            {
                lock (chunks)
                {
                    chunks.Add(text);
                }
            }
        };
        return chunks;
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}.png"), FullPage = true });

    [GeneratedRegex("TKT-[0-9A-Z]{7}-[0-9A-Z]{5}")]
    private static partial Regex TicketId();

    [GeneratedRegex("printer jam", RegexOptions.IgnoreCase)]
    private static partial Regex PrinterJam();
}
