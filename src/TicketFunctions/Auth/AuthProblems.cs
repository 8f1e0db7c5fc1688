namespace MspSupport.TicketFunctions.Auth;

/// <summary>401 answers as ProblemDetails, with a sentence that says what to send.</summary>
internal static class AuthProblems
{
    public static async Task WriteUnauthorizedAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"x-api-key\", Bearer";
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Not authenticated", Detail = detail },
        });
    }
}
