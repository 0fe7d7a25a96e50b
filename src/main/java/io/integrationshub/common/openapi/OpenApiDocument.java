package io.integrationshub.common.openapi;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/** The OpenAPI document's header: the ways to authenticate (API.md 2, and the broker's own scheme of API.md 5). */
@OpenAPIDefinition(
        info = @Info(title = "Integrations Hub API", version = "1.0.0",
                description = "Organisations' third-party integrations: providers, integrations, encrypted credentials, "
                        + "sync jobs, API tokens and audit. Errors are application/problem+json (RFC 9457). Lists are "
                        + "keyset-paginated with opaque cursors; has_more tells whether more items follow the page, "
                        + "however it was reached.",
                contact = @Contact(name = "Integrations Hub maintainers")),
        // Relative: the API is served from wherever this document is (the same host and port).
        servers = @Server(url = "/", description = "The service serving this document"),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "apiToken")})
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "RS256-signed JWT; claims sub, orgs {org_id: role | [permissions]}, groups [platform-admin]"),
        @SecurityScheme(securitySchemeName = "apiToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "Authorization", description = "An organisation API token: `Authorization: Token iht_...`"),
        @SecurityScheme(securitySchemeName = "broker", type = SecuritySchemeType.HTTP, scheme = "Broker",
                description = "A broker client's token: `Authorization: Broker brk_...` (current or provisional); "
                        + "only for POST /v1/broker/connections")})
public class OpenApiDocument extends Application {
}
