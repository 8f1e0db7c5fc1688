using System.Text.Json;

namespace MspSupport.Infra.Tests;

[Collection(SynthesisCollection.Name)]
public sealed class TicketApiStackTests(SynthesizedApps apps)
{
    [Fact]
    public void Function_runs_the_native_binary_on_the_custom_runtime_with_256_mb_and_30_seconds()
    {
        foreach (var environment in apps.Both)
        {
            var function = environment.TicketApi.One("AWS::Lambda::Function");
            Assert.Equal("provided.al2023", function.Str("Runtime"));
            Assert.Equal("bootstrap", function.Str("Handler"));
            Assert.Equal(256, function.GetProperty("MemorySize").GetInt32());
            Assert.Equal(30, function.GetProperty("Timeout").GetInt32());
        }
    }

    [Fact]
    public void Function_architecture_and_web_adapter_layer_follow_the_architecture_setting()
    {
        var demo = apps.Demo.TicketApi.One("AWS::Lambda::Function");
        var production = apps.Production.TicketApi.One("AWS::Lambda::Function");

        Assert.Equal("""["x86_64"]""", demo.GetProperty("Architectures").Raw());
        Assert.Contains(":lambda:eu-west-1:753240598075:layer:LambdaAdapterLayerX86:25", demo.GetProperty("Layers").Raw(), StringComparison.Ordinal);
        Assert.Equal("""["arm64"]""", production.GetProperty("Architectures").Raw());
        Assert.Contains(":lambda:eu-west-1:753240598075:layer:LambdaAdapterLayerArm64:25", production.GetProperty("Layers").Raw(), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_code_is_the_asset_at_the_configured_path()
    {
        var function = apps.Demo.TicketApi.One("AWS::Lambda::Function");

        // The asset is staged and published by the CDK CLI: the template names the bootstrap bucket and a content hash.
        var code = function.GetProperty("Code");
        Assert.True(code.Has("S3Bucket"));
        Assert.EndsWith(".zip", code.Str("S3Key"), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_environment_runs_the_app_on_dynamodb_behind_the_web_adapter()
    {
        var variables = apps.Demo.TicketApi.One("AWS::Lambda::Function").GetProperty("Environment").GetProperty("Variables");

        Assert.Equal("8080", variables.Str("ASPNETCORE_HTTP_PORTS"));
        Assert.Equal("/health", variables.Str("AWS_LWA_READINESS_CHECK_PATH"));
        Assert.Equal("DynamoDb", variables.Str("Storage__Provider"));
        Assert.Contains("Tickets", variables.GetProperty("Storage__DynamoDb__TicketsTable").Raw(), StringComparison.Ordinal);
        Assert.Contains("Sessions", variables.GetProperty("Storage__DynamoDb__SessionsTable").Raw(), StringComparison.Ordinal);
    }

    [Fact]
    public void Http_api_routes_the_ticket_endpoints_and_health_to_the_function()
    {
        var routes = apps.Demo.TicketApi.Resources("AWS::ApiGatewayV2::Route")
            .Select(r => r.Resource.GetProperty("Properties").Str("RouteKey"))
            .Order();

        Assert.Equal(
            [
                "DELETE /tickets/{ticketId}", "GET /health", "GET /tickets", "GET /tickets/{ticketId}",
                "GET /tickets/{ticketId}/attachments/{attachmentId}", "PATCH /tickets/{ticketId}", "POST /tickets",
                "POST /tickets/{ticketId}/attachments",
            ],
            routes);
        Assert.Equal("HTTP", apps.Demo.TicketApi.One("AWS::ApiGatewayV2::Api").Str("ProtocolType"));
        var integration = apps.Demo.TicketApi.One("AWS::ApiGatewayV2::Integration");
        Assert.Equal("AWS_PROXY", integration.Str("IntegrationType"));
        Assert.Equal("2.0", integration.Str("PayloadFormatVersion"));
    }

    [Fact]
    public void Default_stage_throttles_every_route_and_writes_access_logs_to_its_log_group()
    {
        var stage = apps.Demo.TicketApi.One("AWS::ApiGatewayV2::Stage");

        Assert.Equal("$default", stage.Str("StageName"));
        var throttling = stage.GetProperty("DefaultRouteSettings");
        Assert.Equal(50, throttling.GetProperty("ThrottlingRateLimit").GetInt32());
        Assert.Equal(100, throttling.GetProperty("ThrottlingBurstLimit").GetInt32());
        var logs = stage.GetProperty("AccessLogSettings");
        Assert.Contains("AccessLogs", logs.GetProperty("DestinationArn").Raw(), StringComparison.Ordinal);
        Assert.Contains("$context.status", logs.Str("Format"), StringComparison.Ordinal);
    }

    [Fact]
    public void Api_key_mode_leaves_authentication_to_the_application_and_deploys_only_key_hashes()
    {
        var api = apps.Demo.TicketApi;

        Assert.Empty(api.Resources("AWS::ApiGatewayV2::Authorizer"));
        Assert.Empty(api.Resources("AWS::Cognito::UserPool"));
        Assert.All(api.Resources("AWS::ApiGatewayV2::Route"), r => Assert.Equal("NONE", r.Resource.GetProperty("Properties").Str("AuthorizationType")));
        var variables = api.One("AWS::Lambda::Function").GetProperty("Environment").GetProperty("Variables");
        Assert.Equal("helpdesk", variables.Str("Auth__ApiKeys__0__Name"));
        Assert.Equal(new string('a', 64), variables.Str("Auth__ApiKeys__0__Hash"));
    }

    [Fact]
    public void Jwt_mode_guards_every_route_but_health_with_a_cognito_authorizer()
    {
        var api = apps.Production.TicketApi;

        var authorizer = api.One("AWS::ApiGatewayV2::Authorizer");
        Assert.Equal("JWT", authorizer.Str("AuthorizerType"));
        Assert.Contains("cognito-idp.eu-west-1.amazonaws.com", authorizer.GetProperty("JwtConfiguration").GetProperty("Issuer").Raw(), StringComparison.Ordinal);
        Assert.Single(api.Resources("AWS::Cognito::UserPool"));
        Assert.Single(api.Resources("AWS::Cognito::UserPoolClient"));
        foreach (var (_, route) in api.Resources("AWS::ApiGatewayV2::Route"))
        {
            var properties = route.GetProperty("Properties");
            var expected = properties.Str("RouteKey") == "GET /health" ? "NONE" : "JWT";
            Assert.Equal(expected, properties.Str("AuthorizationType"));
        }

        var variables = api.One("AWS::Lambda::Function").GetProperty("Environment").GetProperty("Variables");
        Assert.True(variables.Has("Auth__Jwt__Authority"));
        Assert.True(variables.Has("Auth__Jwt__Audience"));
    }

    [Fact]
    public void Only_api_gateway_of_this_api_may_invoke_the_function()
    {
        var permission = apps.Demo.TicketApi.One("AWS::Lambda::Permission");

        Assert.Equal("apigateway.amazonaws.com", permission.Str("Principal"));
        Assert.Contains("execute-api", permission.GetProperty("SourceArn").Raw(), StringComparison.Ordinal);
        Assert.Contains("HttpApi", permission.GetProperty("SourceArn").Raw(), StringComparison.Ordinal);
    }
}
