using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// The Teams channel's protocol layer on a real Kestrel port, configured against the Bot Connector stand-in the
/// way an operator would point it at Microsoft (app id, password, metadata URL, token authority). The bot's
/// HttpClients trust the stand-in's own certificate and nothing else.
/// </summary>
internal sealed class TeamsHost : IAsyncDisposable
{
    public const string AppId = "7f1b2c3d-0000-4000-8000-00000000b07";

    private readonly WebApplication _app;

    private TeamsHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TeamsHost> StartAsync(BotConnectorStandIn connector, ITeamsActivityHandler handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Teams:AppId"] = AppId;
        builder.Configuration["Teams:AppPassword"] = "test-secret";
        builder.Configuration["Teams:OpenIdMetadataUrl"] = connector.OpenIdMetadataUrl;
        builder.Configuration["Teams:TokenAuthority"] = connector.TokenAuthority;
        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(handler);
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || connector.IsOwnCertificate(certificate as X509Certificate2),
            },
        }));
        var app = builder.Build();
        app.MapTeams();
        await app.StartAsync();
        return new TeamsHost(app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
