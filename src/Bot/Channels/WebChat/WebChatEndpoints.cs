using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// Serves the web chat: the page at <c>/</c> (index.html, its script and style, and Web Chat's own bundle fetched at
/// build time), <c>/webchat/config.json</c> with the MSP's name and colours, and the Direct Line endpoint.
/// </summary>
public static class WebChatEndpoints
{
    public static WebApplication MapWebChat(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(options.KeepAliveSeconds) });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/webchat/config.json", (IOptions<WebChatOptions> current) =>
        {
            var o = current.Value;
            return TypedResults.Json(
                new WebChatPageConfig(o.MspName, o.PrimaryColor, o.BackgroundColor, o.IsSigned ? WebChatAuthOptions.SignedMode : WebChatAuthOptions.LocalMode, DirectLineEndpoints.Prefix),
                WebChatJsonContext.Default.WebChatPageConfig);
        }).ExcludeFromDescription();
        app.MapDirectLine();
        return app;
    }
}
