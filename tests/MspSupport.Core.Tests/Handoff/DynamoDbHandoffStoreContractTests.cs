using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using MspSupport.Core.Handoff;
using MspSupport.Core.Memory;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Handoff;

/// <summary>The handoff store contract against DynamoDB (dynalite); every test gets its own sessions table.</summary>
public sealed class DynamoDbHandoffStoreContractTests(DynaliteFixture dynalite) : HandoffStoreContract, IClassFixture<DynaliteFixture>
{
    private readonly string _table = dynalite.NewTableName(nameof(DynamoDbHandoffStoreContractTests));

    protected override async Task<IHandoffStore> OpenStoreAsync()
    {
        var store = new DynamoDbHandoffStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(_table));
        await store.InitializeAsync(Ct);
        return store;
    }

    [Fact]
    public async Task Handoff_items_stay_out_of_the_user_index()
    {
        await Store.SaveAsync(new HandoffCase
        {
            TicketId = "TKT-9",
            CustomerId = "contoso",
            ConversationId = "web:c-9",
            RequesterKey = "web::u",
            RequesterName = "U",
            Reason = "asked",
        }, 0, Ct);

        var indexed = await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table, IndexName = DynamoDbSessionsTable.UserIndex }, Ct);
        var all = await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table }, Ct);

        Assert.Empty(indexed.Items);
        Assert.Equal(["HANDOFF#TKT-9", "HANDOFFCONV#web:c-9"], all.Items.Select(i => i["SessionId"].S).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_start_cut_short_after_any_write_is_found_by_ticket_and_by_conversation_alike()
    {
        for (var failAt = 1; failAt <= 2; failAt++)
        {
            var ticketId = $"TKT-CUT{failAt}";
            var conversationId = $"web:cut-{failAt}";
            var handoff = new HandoffCase
            {
                TicketId = ticketId,
                CustomerId = "contoso",
                ConversationId = conversationId,
                RequesterKey = "web::u",
                RequesterName = "U",
                Reason = "asked",
            };
            var writes = new FailingWrites(failAt);
            using var failing = new AmazonDynamoDBClient(new BasicAWSCredentials("dynalite", "dynalite"), new AmazonDynamoDBConfig
            {
                ServiceURL = dynalite.ServiceUrl,
                AuthenticationRegion = "us-east-1",
                MaxErrorRetry = 0,
                HttpClientFactory = writes,
            });
            var cut = new DynamoDbHandoffStore(failing, dynalite.SessionsStorageOptionsFor(_table));

            var error = await Record.ExceptionAsync(() => cut.SaveAsync(handoff, 0, Ct));
            Assert.True(error is not null, "No write was cut; requests seen: " + string.Join(", ", writes.Seen));

            // Never half there: the case is known by both ways or by neither; a retry of the start then completes it.
            var byTicket = await Store.GetAsync(ticketId, Ct);
            var byConversation = await Store.FindByConversationAsync(conversationId, Ct);
            Assert.Equal(byTicket is null, byConversation is null);
            Assert.True(await Store.SaveAsync(handoff, 0, Ct));
            Assert.Equal(ticketId, (await Store.FindByConversationAsync(conversationId, Ct))!.TicketId);
            Assert.Equal(1, (await Store.GetAsync(ticketId, Ct))!.Version);
        }
    }

    /// <summary>Sends to the same dynalite, but the <paramref name="failAt"/>-th write never reaches it (as if the process died there).</summary>
    private sealed class FailingWrites(int failAt) : HttpClientFactory
    {
        private int _writes;

        public List<string> Seen { get; } = [];

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Cut(this) { InnerHandler = new HttpClientHandler() });

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

        private bool Fails(string target)
        {
            lock (Seen)
            {
                Seen.Add(target);
            }

            var write = target.EndsWith(".PutItem", StringComparison.Ordinal) || target.EndsWith(".UpdateItem", StringComparison.Ordinal);
            return write && Interlocked.Increment(ref _writes) == failAt;
        }

        private sealed class Cut(FailingWrites owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var target = Target(request.Headers) ?? (request.Content is null ? null : Target(request.Content.Headers)) ?? "(no target)";
                return owner.Fails(target)
                    ? throw new HttpRequestException($"cut before {target}")
                    : base.SendAsync(request, cancellationToken);
            }

            private static string? Target(System.Net.Http.Headers.HttpHeaders headers) =>
                headers.NonValidated.TryGetValues("X-Amz-Target", out var values) ? values.ToString() : null;
        }
    }
}
