using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// What the OpenAPI document says beyond the endpoints' own metadata, read from the same sources the
/// server acts on, so that it cannot drift: <c>X-Msg-Id</c> on every operation that runs through
/// <see cref="IdempotentWrites"/>, the security schemes of the doors that check callers, and the
/// error codes each problem status carries.
/// </summary>
internal static class OpenApiContract
{
    public const string StaffScheme = "staffBearer";
    public const string GatewayScheme = "tifSignature";

    public static OpenApiOptions AddYibaoContract(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Yibao settlement API";
            document.Info.Description = "Native JSON API of the Yibao medical-insurance settlement platform. Every mutating request carries a client message id in X-Msg-Id; a repeat answers the stored response.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[StaffScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An agency staff member's access token: POST /api/staff/sign-in with user_name and password (and totp_code when the account has TOTP) answers access_token. Each operation needs the role it names (admin passes all); the staff cookie (sign-in with ?cookie=true) works too.",
            };
            document.Components.SecuritySchemes[GatewayScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "x-tif-signature",
                Description = "The national TIF signature, for the gateway and every native endpoint an institution calls: with x-tif-paasid, x-tif-timestamp (unix seconds, within 300 s) and x-tif-nonce (once), x-tif-signature = hex SHA-256(timestamp + token + nonce + timestamp).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<MethodInfo>().Any(IdempotentWrites.IsUsedBy))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotentWrites.MessageIdHeader,
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The client's message id, 1 to 100 characters: the request runs once per id; a repeat answers the stored response (X-Idempotent-Replay: true).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 100 },
                });
            }

            var path = "/" + context.Description.RelativePath;
            var scheme = metadata.OfType<StaffAccess.Required>().Any() ? StaffScheme
                : path.StartsWith("/fsi/api", StringComparison.Ordinal) || metadata.OfType<InstitutionAccess.Required>().Any() ? GatewayScheme
                : null;
            if (scheme is not null)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            }

            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (int.TryParse(status, out var code) && code >= 400 && ErrorCatalogue.CodesByStatus.TryGetValue(code, out var codes) && response is OpenApiResponse concrete)
                {
                    concrete.Description = $"{concrete.Description} (problem+json; code is one of: {string.Join(", ", codes)})".TrimStart();
                }
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
