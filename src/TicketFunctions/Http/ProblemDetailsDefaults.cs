namespace MspSupport.TicketFunctions.Http;

/// <summary>
/// A sentence for the answers the framework writes itself (no route, wrong method, a media type refused by routing,
/// a failed challenge), so that every error body says what to do, not only its status name.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static void Fill(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ProblemDetails.Detail ??= DetailFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
    }

    public static string? DetailFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: check the URL, the headers and the body.",
        StatusCodes.Status401Unauthorized => "Send a valid API key in the x-api-key header, or a valid bearer token.",
        StatusCodes.Status403Forbidden => "These credentials may not do that.",
        StatusCodes.Status404NotFound => "Nothing is here: check the path and the id (the routes are listed at /openapi/v1.json).",
        StatusCodes.Status405MethodNotAllowed => "This route does not take that method (the routes are listed at /openapi/v1.json).",
        StatusCodes.Status406NotAcceptable => "This API answers in JSON only.",
        StatusCodes.Status411LengthRequired => "Send the body with a Content-Length.",
        StatusCodes.Status413PayloadTooLarge => "The body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as UTF-8 JSON with Content-Type: application/json.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large.",
        _ => null,
    };
}
