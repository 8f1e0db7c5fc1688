using System.Net;
using System.Text;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// A small HTTP server on a free loopback port for stand-ins of remote services. Each request is recorded
/// (method, path, headers, body) and answered by the stand-in's handler.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RecordedRequest, HttpListenerResponse, Task> _handle;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Task _loop;

    public LoopbackHttpServer(Func<RecordedRequest, HttpListenerResponse, Task> handle)
    {
        _handle = handle;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task WriteJsonAsync(HttpListenerResponse response, int status, string json)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(json);
        await response.OutputStream.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = new RecordedRequest(
            context.Request.HttpMethod,
            context.Request.Url!.AbsolutePath,
            context.Request.Url.Query,
            context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync());
        lock (_requests)
        {
            _requests.Add(request);
        }

        try
        {
            await _handle(request, context.Response);
        }
        catch (Exception e)
        {
            await WriteJsonAsync(context.Response, 500, $$"""{"error":"stand-in failed: {{e.GetType().Name}}"}""");
        }
        finally
        {
            context.Response.Close();
        }
    }
}

/// <summary>What a stand-in received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);
