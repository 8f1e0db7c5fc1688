using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Testing;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>
/// The HTTP conversation of an <c>Idempotency-Key</c> over its lifetime, run by the SQLite and the DynamoDB API tests
/// alike: the API's clock is a <see cref="ManualTimeProvider"/> the test moves, and the key lives two hours
/// (<c>Tickets:IdempotencyKeyTtlHours=2</c>).
/// </summary>
internal static class IdempotencyKeyExpiry
{
    public const string TwoHours = "2";

    public static async Task ReplaysWithinItsLifetimeThenFilesANewTicketAsync(TicketApiFactory api)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        using var timed = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = timed.CreateClient();
        const string body = """{"title":"Backup job failed","category":"software"}""";
        Task<HttpResponseMessage> PostAsync() => client.SendAsync(HttpMethod.Post, "/tickets", TicketApiFactory.ContosoKey, body,
            r => r.Headers.Add("Idempotency-Key", "b7e5a0f2-5c1d-4d55-9a3e-2f7d8c6b1a90"));

        var first = await PostAsync();
        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        var retryJustInTime = await PostAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterExpiry = await PostAsync();
        var retryOfTheNewOne = await PostAsync();
        var list = await (await client.SendAsync(HttpMethod.Get, "/tickets", TicketApiFactory.TechKey)).JsonAsync();

        var firstId = (string)(await first.JsonAsync())["ticketId"]!;
        var newId = (string)(await afterExpiry.JsonAsync())["ticketId"]!;
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(retryJustInTime.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstId, (string)(await retryJustInTime.JsonAsync())["ticketId"]!);
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.False(afterExpiry.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(firstId, newId);
        Assert.True(retryOfTheNewOne.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(newId, (string)(await retryOfTheNewOne.JsonAsync())["ticketId"]!);
        Assert.Equal([newId, firstId], ((JsonArray)list["items"]!).Select(t => (string)t!["ticketId"]!));
    }
}
