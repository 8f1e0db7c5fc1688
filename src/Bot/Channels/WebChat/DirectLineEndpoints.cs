using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.Teams;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// The subset of the Direct Line 3.0 REST API that Web Chat's client uses, under <c>/v3/directline</c>: tokens
/// (generate, refresh), conversations (start, reconnect), activities (post, read after a watermark), file uploads and the WebSocket
/// stream. The token is checked before any body is read; it names the one conversation and user it allows.
/// </summary>
public static partial class DirectLineEndpoints
{
    public const string Prefix = "/v3/directline";
    private const int TokenRequestMaxBytes = 4 * 1024;

    public static void MapDirectLine(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).ExcludeFromDescription();
        group.MapPost("/tokens/generate", GenerateAsync);
        group.MapPost("/tokens/refresh", RefreshAsync);
        group.MapPost("/conversations", StartAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/upload", UploadAsync).DisableAntiforgery();
        group.Map("/conversations/{conversationId}/stream", StreamAsync);
    }

    private static async Task<IResult> GenerateAsync(HttpContext http, DirectLineTokens tokens, SignedIdentityReader signed, IOptions<WebChatOptions> options)
    {
        var settings = options.Value;
        WebUser user;
        if (settings.IsSigned)
        {
            // The portal's signed identity comes as the bearer token; the body cannot name anyone.
            var identity = await signed.ReadAsync(Bearer(http));
            if (identity is null)
            {
                return Problem(StatusCodes.Status401Unauthorized, "Not authenticated", "Send the identity token your portal signed as 'Authorization: Bearer <token>'.", "Unauthorized");
            }

            user = identity;
        }
        else
        {
            var (requested, problem) = await LocalUserIdAsync(http.Request, http.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }

            user = new WebUser(requested ?? $"web-{WebConversations.NewId()}", settings.Auth.LocalUserName, settings.Auth.LocalTenantId);
        }

        var conversationId = WebConversations.NewId();
        var issued = tokens.Issue(conversationId, user);
        return TypedResults.Json(new DirectLineConversation { ConversationId = conversationId, Token = issued.Token, ExpiresIn = issued.ExpiresIn }, WebChatJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, DirectLineTokens tokens)
    {
        var (grant, problem) = await AuthorizeAsync(http, tokens, null);
        if (grant is null)
        {
            return problem!;
        }

        var issued = tokens.Issue(grant.ConversationId, grant.User);
        return TypedResults.Json(new DirectLineConversation { ConversationId = grant.ConversationId, Token = issued.Token, ExpiresIn = issued.ExpiresIn }, WebChatJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> StartAsync(
        HttpContext http, DirectLineTokens tokens, WebConversations conversations, WebChatAgentBridge bridge, IOptions<WebChatOptions> options)
    {
        var (grant, problem) = await AuthorizeAsync(http, tokens, null);
        if (grant is null)
        {
            return problem!;
        }

        var (conversation, created) = conversations.GetOrStart(grant.ConversationId, grant.User);
        if (!conversation.Owner.IsSame(grant.User))
        {
            return Forbidden();
        }

        if (created)
        {
            // A new conversation opens with the welcome card (a reload reconnects with GET and is not greeted again).
            await bridge.WelcomeAsync(conversation);
        }

        var body = Describe(http, tokens, options.Value, grant, conversation, null);
        return TypedResults.Json(body, WebChatJsonContext.Default.DirectLineConversation, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReconnectAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, WebConversations conversations, IOptions<WebChatOptions> options)
    {
        var (conversation, grant, problem) = await ConversationAsync(http, tokens, conversations, conversationId);
        if (conversation is null)
        {
            return problem!;
        }

        if (BadWatermark(conversation, watermark, out _) is { } bad)
        {
            return bad;
        }

        return TypedResults.Json(Describe(http, tokens, options.Value, grant!, conversation, watermark), WebChatJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> GetActivitiesAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, WebConversations conversations)
    {
        var (conversation, _, problem) = await ConversationAsync(http, tokens, conversations, conversationId);
        if (conversation is null)
        {
            return problem!;
        }

        if (BadWatermark(conversation, watermark, out var from) is { } bad)
        {
            return bad;
        }

        return TypedResults.Json(conversation.Since(from)!, WebChatJsonContext.Default.ActivitySet);
    }

    private static async Task<IResult> PostActivityAsync(
        HttpContext http, string conversationId, DirectLineTokens tokens, WebConversations conversations, WebChatAgentBridge bridge, IOptions<WebChatOptions> options)
    {
        var (conversation, grant, problem) = await ConversationAsync(http, tokens, conversations, conversationId);
        if (conversation is null)
        {
            return problem!;
        }

        var settings = options.Value;
        var (document, invalid) = await JsonBody.ReadAsync(http.Request, http.RequestAborted, settings.MaxActivityBytes, 32);
        if (invalid is not null)
        {
            return invalid;
        }

        Activity? activity;
        using (document)
        {
            try
            {
                activity = document!.RootElement.ValueKind == JsonValueKind.Object ? document.Deserialize(WebChatJsonContext.Default.Activity) : null;
            }
            catch (JsonException)
            {
                activity = null;
            }
        }

        if (activity?.Type is not { } type)
        {
            return Problems.Invalid("body", "Expected an activity: a JSON object with a type, e.g. {\"type\":\"message\",\"text\":\"hello\"}.");
        }

        if (type is "typing" or "event")
        {
            return TypedResults.Json(new ResourceResponse($"{conversation.Id}|ack"), WebChatJsonContext.Default.ResourceResponse); // nothing for the bot to do
        }

        if (type != "message")
        {
            return Problems.Invalid("type", $"Activities of type '{type}' are not accepted here; send a message.");
        }

        var isSubmission = activity.Value is { ValueKind: JsonValueKind.Object };
        if (string.IsNullOrWhiteSpace(activity.Text) && !isSubmission)
        {
            return Problems.Invalid("text", "A message needs text, or a value from a card.");
        }

        if (activity.Text?.Length > settings.MaxTextLength)
        {
            return Problems.Invalid("text", $"The message is too long: at most {settings.MaxTextLength} characters.");
        }

        var stored = conversation.Append(activity with
        {
            From = new ChannelAccount { Id = grant!.User.Id, Name = grant.User.Name, Role = "user" },
            Recipient = WebChatAgentBridge.Bot,
            ServiceUrl = null,
            ReplyToId = null,
        });
        _ = bridge.StartTurn(conversation, stored);
        return TypedResults.Json(new ResourceResponse(stored.Id), WebChatJsonContext.Default.ResourceResponse);
    }

    private static async Task StreamAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, WebConversations conversations, IOptions<WebChatOptions> options)
    {
        var check = await tokens.CheckAsync(http.Request.Query["t"]);
        var (conversation, problem) = Authorize(check, conversations, conversationId, allowStream: true);
        if (conversation is null || !WebConversation.TryParseWatermark(watermark, out var from) || from > conversation.Watermark || !http.WebSockets.IsWebSocketRequest)
        {
            problem ??= !http.WebSockets.IsWebSocketRequest
                ? Problems.Status(StatusCodes.Status400BadRequest, "Not a WebSocket request", "Open the streamUrl with a WebSocket client.")
                : Problems.Status(StatusCodes.Status400BadRequest, "Bad watermark", "The watermark must be one this conversation gave out.");
            await problem.ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var stream = conversation.Subscribe(from)!;
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var receiving = DiscardUntilClosedAsync(socket, closed);
        var keepAlive = TimeSpan.FromSeconds(options.Value.KeepAliveSeconds);
        try
        {
            await PumpAsync(socket, stream.Reader, keepAlive, closed.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away; nothing to tell anyone.
        }
        finally
        {
            conversation.Unsubscribe(stream);
            await closed.CancelAsync();
            await receiving;
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stream ended", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }
    }

    private static async Task PumpAsync(WebSocket socket, System.Threading.Channels.ChannelReader<byte[]> reader, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            while (reader.TryRead(out var set))
            {
                await socket.SendAsync(set, WebSocketMessageType.Text, true, cancellationToken);
            }

            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(keepAlive);
            try
            {
                if (!await reader.WaitToReadAsync(idle.Token))
                {
                    return; // the conversation dropped this stream; the client reconnects with its watermark
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Idle: an empty message keeps proxies from closing the stream (Direct Line clients ignore it).
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, cancellationToken);
            }
        }
    }

    private static async Task DiscardUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed either way.
        }
        finally
        {
            await closed.CancelAsync();
        }
    }

    private static DirectLineConversation Describe(HttpContext http, DirectLineTokens tokens, WebChatOptions options, DirectLineGrant grant, WebConversation conversation, string? watermark)
    {
        var baseUrl = options.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}";
        var socketBase = baseUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "wss" + baseUrl[5..] : "ws" + baseUrl[4..];
        var streamToken = tokens.IssueStream(conversation.Id, grant.User);
        var query = $"t={Uri.EscapeDataString(streamToken)}" + (string.IsNullOrEmpty(watermark) ? "" : $"&watermark={Uri.EscapeDataString(watermark)}");
        return new DirectLineConversation
        {
            ConversationId = conversation.Id,
            Token = Bearer(http)!,
            ExpiresIn = Math.Max(0, (int)(grant.Expires - DateTimeOffset.UtcNow).TotalSeconds),
            StreamUrl = $"{socketBase}{Prefix}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?{query}",
        };
    }

    private static async Task<(WebConversation? Conversation, DirectLineGrant? Grant, IResult? Problem)> ConversationAsync(
        HttpContext http, DirectLineTokens tokens, WebConversations conversations, string conversationId)
    {
        var check = await tokens.CheckAsync(Bearer(http));
        var (conversation, problem) = Authorize(check, conversations, conversationId, allowStream: false);
        return (conversation, check.Grant, problem);
    }

    private static (WebConversation? Conversation, IResult? Problem) Authorize(TokenCheck check, WebConversations conversations, string conversationId, bool allowStream)
    {
        if (TokenProblem(check, allowStream) is { } problem)
        {
            return (null, problem);
        }

        // Checked before existence, so that a token learns nothing about conversations other than its own.
        if (!string.Equals(check.Grant!.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return (null, Forbidden());
        }

        var conversation = conversations.Find(conversationId);
        if (conversation is null)
        {
            return (null, Problem(StatusCodes.Status404NotFound, "Conversation not found",
                "This conversation does not exist (any more); start a new one with POST /v3/directline/conversations.", "NotFound"));
        }

        // The owner is the whole identity, tenant included: the turn runs as the owner, not as the token's user.
        return conversation.Owner.IsSame(check.Grant.User) ? (conversation, null) : (null, Forbidden());
    }

    private static async Task<(DirectLineGrant? Grant, IResult? Problem)> AuthorizeAsync(HttpContext http, DirectLineTokens tokens, string? conversationId)
    {
        var check = await tokens.CheckAsync(Bearer(http));
        if (TokenProblem(check, allowStream: false) is { } problem)
        {
            return (null, problem);
        }

        return conversationId is null || check.Grant!.ConversationId == conversationId ? (check.Grant, null) : (null, Forbidden());
    }

    private static ProblemHttpResult? TokenProblem(TokenCheck check, bool allowStream) => check.Status switch
    {
        TokenStatus.Missing => Problem(StatusCodes.Status401Unauthorized, "Not authenticated", "Send a Direct Line token as 'Authorization: Bearer <token>'.", "Unauthorized"),
        TokenStatus.Expired => Problem(StatusCodes.Status403Forbidden, "Token expired", "The Direct Line token has expired; get a new one.", "TokenExpired"),
        TokenStatus.Invalid => Problem(StatusCodes.Status403Forbidden, "Invalid token", "The Direct Line token is not valid for this service.", "TokenInvalid"),
        _ when check.Grant!.StreamOnly && !allowStream => Problem(StatusCodes.Status403Forbidden, "Invalid token", "A stream token only opens the stream.", "TokenInvalid"),
        _ => null,
    };

    private static ProblemHttpResult Forbidden() =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "This token does not allow access to that conversation.", "Forbidden");

    private static IResult? BadWatermark(WebConversation conversation, string? watermark, out long from)
    {
        if (!WebConversation.TryParseWatermark(watermark, out from))
        {
            return Problems.Invalid("watermark", "The watermark must be a whole number this conversation gave out, or left out.");
        }

        return from > conversation.Watermark
            ? Problems.Invalid("watermark", $"The watermark {from} is ahead of this conversation ({conversation.Watermark}).")
            : null;
    }

    private static async Task<(string? UserId, IResult? Problem)> LocalUserIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null);
        }

        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken, TokenRequestMaxBytes, 8);
        if (problem is not null)
        {
            return (null, problem);
        }

        using (document)
        {
            TokenRequest? body;
            try
            {
                body = document!.RootElement.ValueKind == JsonValueKind.Object ? document.Deserialize(WebChatJsonContext.Default.TokenRequest) : null;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body is null)
            {
                return (null, Problems.Invalid("body", "Expected {\"user\":{\"id\":\"...\"}} or no body."));
            }

            var id = body.User?.Id;
            return id is null || UserId().IsMatch(id)
                ? (id, null)
                : (null, Problems.Invalid("user.id", "The user id must be 8 to 64 letters, digits, '-' or '_'."));
        }
    }

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string code) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex UserId();
}
