using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>Small helpers so that tests read as the HTTP conversation they are.</summary>
internal static class ApiCalls
{
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string? key, string? json = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> CreateTicketAsync(this HttpClient client, string key, string json)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/tickets", key, json);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new InvalidOperationException("The response is not a JSON object.");

    /// <summary>The field names of a ValidationProblem's <c>errors</c>.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        return body["errors"] is JsonObject errors ? errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray() : [];
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    public static EntityTagHeaderValue? ETag(this HttpResponseMessage response) => response.Headers.ETag;

    public static Task<T?> ReadAsync<T>(this HttpResponseMessage response) => response.Content.ReadFromJsonAsync<T>();
}
