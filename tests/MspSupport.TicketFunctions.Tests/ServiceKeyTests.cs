using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;
using MspSupport.TicketFunctions.Auth;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>
/// The agent's tools through the ticket API (<c>Tickets:ApiBaseUrl</c>): a Service key names the chat user it acts
/// for, and the user's own rules apply exactly as in process.
/// </summary>
public sealed class ServiceKeyTests : IDisposable
{
    private const string ServiceKey = "test-bot-service-key";

    private static readonly CallerIdentity SlackCustomer = new()
    {
        Channel = "slack",
        TenantId = "T-CONTOSO",
        UserId = "U123",
        Role = CallerRole.Customer,
        CustomerId = "contoso",
        DisplayName = "Ann Ëxample",
    };

    private readonly TicketApiFactory _api = new(new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:4:Name"] = "bot",
        ["Auth:ApiKeys:4:Hash"] = ApiKeyHash.HexOf(ServiceKey),
        ["Auth:ApiKeys:4:Role"] = "Service",
    });

    private readonly HttpClient _http;
    private readonly TicketApiClient _tools;

    public ServiceKeyTests()
    {
        _http = _api.CreateClient();
        _tools = new TicketApiClient(_http, Options.Create(new TicketApiOptions { ApiBaseUrl = _http.BaseAddress!.ToString(), ApiKey = ServiceKey }));
    }

    public void Dispose()
    {
        _http.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task A_ticket_filed_through_the_api_belongs_to_the_chat_user_and_their_channel()
    {
        var result = await _tools.CreateAsync(SlackCustomer, new NewTicketRequest { Title = "Outlook keeps asking for a password", Priority = "high" }, null, default);

        Assert.Equal(TicketOutcome.Created, result.Outcome);
        Assert.Equal("contoso", result.Value!.CustomerId);
        Assert.Equal(TicketSource.Slack, result.Value.Source);
        Assert.Equal("Ann Ëxample", result.Value.CreatedBy);
        Assert.Equal(TicketPriority.High, result.Value.Priority);
    }

    [Fact]
    public async Task The_chat_users_rules_apply_through_the_api()
    {
        var theirs = (await _http.CreateTicketAsync(FabrikamKey, """{"title":"Fabrikam only"}"""))["ticketId"]!.ToString();
        var mine = (await _tools.CreateAsync(SlackCustomer, new NewTicketRequest { Title = "Mine" }, null, default)).Value!;

        var get = await _tools.GetAsync(SlackCustomer, theirs, default);
        var list = await _tools.ListAsync(SlackCustomer, new TicketListRequest(), default);
        var other = await _tools.ListAsync(SlackCustomer, new TicketListRequest { CustomerId = "fabrikam" }, default);
        var invalid = await _tools.CreateAsync(SlackCustomer, new NewTicketRequest { Title = "" }, null, default);
        var stale = await _tools.UpdateAsync(SlackCustomer, mine.TicketId, new TicketChanges { Title = "Renamed" }, expectedVersion: 7, default);
        var note = await _tools.AddNoteAsync(SlackCustomer, mine.TicketId, "It happens on the laptop only.", isInternal: false, default);
        var internalNote = await _tools.AddNoteAsync(SlackCustomer, mine.TicketId, "psst", isInternal: true, default);

        Assert.Equal(TicketOutcome.NotFound, get.Outcome);
        Assert.Equal(["Mine"], list.Value!.Items.Select(t => t.Title));
        Assert.Equal(TicketOutcome.Forbidden, other.Outcome);
        Assert.Equal(TicketOutcome.Invalid, invalid.Outcome);
        Assert.Contains("title", invalid.Errors!.Keys);
        Assert.Equal(TicketOutcome.VersionMismatch, stale.Outcome);
        Assert.Equal(TicketOutcome.Ok, note.Outcome);
        Assert.Equal(TicketOutcome.Forbidden, internalNote.Outcome);
    }

    [Fact]
    public async Task A_service_key_must_say_whom_it_acts_for()
    {
        var response = await _http.SendAsync(HttpMethod.Get, "/tickets", ServiceKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-On-Behalf-Of-User", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task On_behalf_headers_from_an_ordinary_key_change_nothing()
    {
        var id = (await _http.CreateTicketAsync(ContosoKey, """{"title":"Keep me"}"""))["ticketId"]!.ToString();

        var response = await _http.SendAsync(HttpMethod.Delete, $"/tickets/{id}", ContosoKey, configure: r =>
        {
            r.Headers.Add(OnBehalfOfHeaders.User, "root");
            r.Headers.Add(OnBehalfOfHeaders.Role, "Admin");
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void With_an_api_base_url_the_tools_use_the_api_otherwise_the_service_in_process()
    {
        static object Resolve(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection().AddLogging();
            services.AddTickets(configuration, Path.GetTempPath());
            return services.BuildServiceProvider().GetRequiredService<ITicketOperations>();
        }

        Assert.IsType<TicketService>(Resolve([]));
        Assert.IsType<TicketApiClient>(Resolve(new() { ["Tickets:ApiBaseUrl"] = "https://tickets.example/", ["Tickets:ApiKey"] = "k" }));
    }
}
