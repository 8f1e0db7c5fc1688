using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Bot;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Knowledge.Tiers;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets.Attachments;
using MspSupport.TicketFunctions;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Infra.Tests;

/// <summary>
/// The stacks' environment variables, fed to the application's own registrations (<c>AddAssistant</c> for the bot,
/// <c>AddTicketFunctions</c> for the function): every name must be one the application reads, the options must come
/// out holding the stack's resources, and the start-up validation the hosts run must pass.
/// </summary>
[Collection(SynthesisCollection.Name)]
public sealed class AppSettingsBindingTests(SynthesizedApps apps)
{
    /// <summary>Read by the runtime, the ASP.NET Core host, the AWS SDK or the Lambda Web Adapter, not by option types.</summary>
    private static readonly string[] PlatformVariables =
        ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "AWS_REGION", "AWS_LWA_READINESS_CHECK_PATH"];

    [Fact]
    public void Every_variable_the_stacks_set_is_a_setting_the_application_binds()
    {
        foreach (var environment in apps.Both)
        {
            var names = AppEnvironment.Bot(environment).Keys.Select(k => ("bot", k))
                .Concat(AppEnvironment.Function(environment).Keys.Select(k => ("function", k)));

            var dead = names
                .Where(n => !PlatformVariables.Contains(n.k) && !SettingPaths.IsBound(n.k.Replace("__", ":", StringComparison.Ordinal)))
                .Select(n => $"{environment} {n.Item1}: {n.k}")
                .ToList();

            Assert.Empty(dead);
        }
    }

    [Theory]
    [InlineData("Knowledge:OpenSearch:Endpoint", false)]
    [InlineData("Knowledge:Bucket", false)]
    [InlineData("Models:CheapChat", false)]
    [InlineData("Metrics:Namespace", false)]
    [InlineData("Teams:AppPassword:Value", false)]
    [InlineData("Storage:DynamoDb", false)]
    [InlineData("Auth:ApiKeys:first:Hash", false)]
    [InlineData("Knowledge:Hot:Endpoint", true)]
    [InlineData("Knowledge:Embeddings:Bedrock:ModelId", true)]
    [InlineData("agent:models:cheap:modelid", true)]
    [InlineData("Auth:ApiKeys:3:CustomerId", true)]
    [InlineData("Identity:Tenants:0:TenantId", true)]
    [InlineData("Tickets:Attachments:S3Bucket", true)]
    [InlineData("WebChat:Auth:IdentitySecret", true)]
    public void The_binding_check_tells_a_bound_setting_from_a_name_nothing_reads(string key, bool bound)
    {
        Assert.Equal(bound, SettingPaths.IsBound(key));
    }

    [Fact]
    public void Bot_environment_passes_the_hosts_start_up_validation_in_both_environments()
    {
        foreach (var environment in apps.Both)
        {
            using var provider = BotServices(environment);

            var failures = StartupFailures(provider);

            Assert.True(failures.Count == 0, $"{environment}: {string.Join(" | ", failures)}");
        }
    }

    [Fact]
    public void Function_environment_passes_the_ticket_api_start_up_validation_in_both_environments()
    {
        foreach (var environment in apps.Both)
        {
            using var provider = FunctionServices(environment);

            var failures = StartupFailures(provider);

            Assert.True(failures.Count == 0, $"{environment}: {string.Join(" | ", failures)}");
        }
    }

    [Fact]
    public void Bot_stores_tickets_sessions_and_files_in_the_data_stacks_tables_and_bucket()
    {
        foreach (var environment in apps.Both)
        {
            using var provider = BotServices(environment);

            AssertDataResources(environment, provider);
            Assert.Equal(environment.Settings.Region, Value<StorageOptions>(provider).DynamoDb.Region);
        }
    }

    [Fact]
    public void Function_stores_tickets_and_files_in_the_data_stacks_table_and_bucket_within_the_lambda_payload_limit()
    {
        foreach (var environment in apps.Both)
        {
            using var provider = FunctionServices(environment);

            AssertDataResources(environment, provider);
            Assert.Equal(TicketApiStack.FunctionAttachmentMaxBytes, Value<AttachmentOptions>(provider).MaxBytes);
        }
    }

    [Fact]
    public void Bot_searches_the_knowledge_stacks_collection_and_bucket_with_titan_embeddings()
    {
        foreach (var environment in apps.Both)
        {
            using var provider = BotServices(environment);

            var hot = Value<OpenSearchHotTierOptions>(provider);
            var collection = AppEnvironment.LogicalId(environment.Knowledge, "AWS::OpenSearchServerless::Collection", (_, _) => true);
            Assert.Equal(TemplateValues.Attribute(collection, "CollectionEndpoint"), hot.Endpoint);
            Assert.Equal(TestSettings.Region, hot.Region);
            Assert.Equal("aoss", hot.SigningService);

            var documents = AppEnvironment.LogicalId(environment.Knowledge, "AWS::S3::Bucket", (_, _) => true);
            Assert.Equal(TemplateValues.Ref(documents), Value<S3ColdTierOptions>(provider).BucketName);

            var embeddings = Value<KnowledgeOptions>(provider).Embeddings;
            Assert.Equal(EmbeddingProvider.BedrockTitan, embeddings.Provider);
            Assert.Equal(environment.Settings.Models.Embedding, embeddings.Bedrock.ModelId);
            Assert.Equal(TestSettings.Region, embeddings.Bedrock.Region);
            Assert.Equal(hot.Dimensions, embeddings.Bedrock.Dimensions);
        }
    }

    [Fact]
    public void Bot_chats_through_the_two_bedrock_models_its_role_may_invoke()
    {
        foreach (var environment in apps.Both)
        {
            using var provider = BotServices(environment);

            var models = Value<AgentModelOptions>(provider);

            Assert.Equal((ModelProvider.Bedrock, environment.Settings.Models.CheapChat, TestSettings.Region), (models.Cheap.Provider, models.Cheap.ModelId, models.Cheap.Region));
            Assert.Equal((ModelProvider.Bedrock, environment.Settings.Models.CapableChat, TestSettings.Region), (models.Capable.Provider, models.Capable.ModelId, models.Capable.Region));
        }
    }

    [Fact]
    public void Bot_answers_teams_as_the_configured_azure_bot_with_the_password_from_its_secret()
    {
        using var demo = BotServices(apps.Demo);
        using var production = BotServices(apps.Production);

        var multi = Value<TeamsOptions>(demo);
        Assert.True(multi.Enabled);
        Assert.Equal(TestSettings.TeamsAppId, multi.AppId);
        Assert.Equal(TemplateValues.SecretValue("Teams__AppPassword"), multi.AppPassword);
        Assert.False(multi.IsSingleTenant);

        var single = Value<TeamsOptions>(production);
        Assert.True(single.IsSingleTenant);
        Assert.Equal(TestSettings.TenantId, single.TenantId);
        Assert.Equal($"https://login.microsoftonline.com/{TestSettings.TenantId}", single.ResolvedAuthority);
    }

    [Fact]
    public void Production_web_chat_takes_portal_signed_users_with_both_keys_from_secrets()
    {
        using var provider = BotServices(apps.Production);

        var webChat = Value<WebChatOptions>(provider);

        Assert.True(webChat.Enabled);
        Assert.True(webChat.IsSigned);
        Assert.Equal(TemplateValues.SecretValue("WebChat__TokenSigningKey"), webChat.TokenSigningKey);
        Assert.Equal(TemplateValues.SecretValue("WebChat__Auth__IdentitySecret"), webChat.Auth.IdentitySecret);
        Assert.Equal(apps.Production.Settings.WebChatIdentityIssuer, webChat.Auth.IdentityIssuer);
        Assert.Equal(apps.Production.Settings.WebChatIdentityAudience, webChat.Auth.IdentityAudience);
        Assert.Equal(apps.Production.Settings.WebChatPublicBaseUrl, webChat.PublicBaseUrl);
    }

    [Fact]
    public void Demo_web_chat_in_local_mode_still_shares_one_signing_key_across_instances()
    {
        using var provider = BotServices(apps.Demo);

        var webChat = Value<WebChatOptions>(provider);

        Assert.False(webChat.IsSigned);
        Assert.Equal(TemplateValues.SecretValue("WebChat__TokenSigningKey"), webChat.TokenSigningKey);
    }

    [Fact]
    public void Bot_and_function_let_in_the_same_callers()
    {
        using var demoBot = BotServices(apps.Demo);
        using var demoFunction = FunctionServices(apps.Demo);
        using var productionBot = BotServices(apps.Production);

        var key = Assert.Single(Value<AuthOptions>(demoBot).ApiKeys);
        Assert.Equal(("helpdesk", "Technician", new string('a', 64)), (key.Name, key.Role, key.Hash));
        Assert.Equivalent(Value<AuthOptions>(demoFunction).ApiKeys, Value<AuthOptions>(demoBot).ApiKeys);

        var jwt = Value<AuthOptions>(productionBot).Jwt;
        var users = AppEnvironment.LogicalId(apps.Production.TicketApi, "AWS::Cognito::UserPool", (_, _) => true);
        var client = AppEnvironment.LogicalId(apps.Production.TicketApi, "AWS::Cognito::UserPoolClient", (_, _) => true);
        Assert.Equal($"https://cognito-idp.{TestSettings.Region}.amazonaws.com/{TemplateValues.Ref(users)}", jwt.Authority);
        Assert.Equal(TemplateValues.Ref(client), jwt.Audience);
    }

    private static void AssertDataResources(SynthesizedEnvironment environment, ServiceProvider provider)
    {
        var prefix = environment.Settings.Prefix;
        var bucket = AppEnvironment.LogicalId(environment.Data, "AWS::S3::Bucket", (_, _) => true);

        var storage = Value<StorageOptions>(provider);
        Assert.Equal(StorageProvider.DynamoDb, storage.Provider);
        // The data stack names its tables, so a reference to one resolves to that name.
        Assert.Equal($"{prefix}-Tickets", storage.DynamoDb.TicketsTable);
        Assert.Equal($"{prefix}-Sessions", storage.DynamoDb.SessionsTable);

        var attachments = Value<AttachmentOptions>(provider);
        Assert.True(attachments.UsesS3);
        Assert.Equal(TemplateValues.Ref(bucket), attachments.S3Bucket);
        Assert.Equal(DataStack.AttachmentPrefix, attachments.S3Prefix);
    }

    private static ServiceProvider BotServices(SynthesizedEnvironment environment)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAssistant(AppEnvironment.Configuration(AppEnvironment.Bot(environment)), RepositoryRoot.File("src", "Bot"));
        return services.BuildServiceProvider();
    }

    private static ServiceProvider FunctionServices(SynthesizedEnvironment environment)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTicketFunctions(AppEnvironment.Configuration(AppEnvironment.Function(environment)), RepositoryRoot.File("src", "TicketFunctions"));
        return services.BuildServiceProvider();
    }

    private static T Value<T>(IServiceProvider provider)
        where T : class => provider.GetRequiredService<IOptions<T>>().Value;

    private static List<string> StartupFailures(IServiceProvider provider)
    {
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return [.. e.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)];
        }
    }
}
