using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// A real HTTP server on a loopback port chosen at run time. It records every request and answers with
/// what the given protocol function says, so a stand-in for a remote API is only that function.
/// </summary>
public sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingHttpServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static Task<RecordingHttpServer> StartAsync(Func<RecordedRequest, StandInResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return StartAsync((request, _) => Task.FromResult(respond(request)));
    }

    /// <summary>
    /// A server whose protocol may take its time (a slow or stalled remote); the token is the request's own, cancelled
    /// when the client gives up and closes the connection.
    /// </summary>
    public static async Task<RecordingHttpServer> StartAsync(Func<RecordedRequest, CancellationToken, Task<StandInResponse>> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        RecordingHttpServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
            // The raw target shows the path exactly as the client encoded it; Request.Path is already decoded.
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
            var rawPath = rawTarget.Split('?')[0];
            var request = new RecordedRequest(context.Request.Method, rawPath, context.Request.QueryString.Value ?? string.Empty, headers, body);
            server!.Requests.Enqueue(request);
            StandInResponse response;
            try
            {
                response = await respond(request, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client went away while the stand-in was stalling
            }

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new RecordingHttpServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
