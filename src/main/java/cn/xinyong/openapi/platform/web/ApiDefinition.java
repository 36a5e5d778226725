package cn.xinyong.openapi.platform.web;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The API's description and its two security schemes. */
@OpenAPIDefinition(info = @Info(title = "Xinyong Open API (信用信息公开查询)", version = "1.0.0",
        description = "Public read API of the city's credit information sharing platform (信用信息共享平台): entity "
                + "lookup and search, red/black lists and batch screening, 双公示 disclosures with change feeds and "
                + "exports, 信易+ eligibility, and consent-based personal records. Open data needs no token (low "
                + "quota); partners and residents use JWT bearer tokens. Errors are RFC 9457 problem+json.",
        license = @License(name = ApiDefinition.DATA_LICENCE)))
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
            description = "Partner or resident token: issuer, audience, client id, plan and scopes (screening, "
                    + "eligibility:<scheme>, persons:read); residents' tokens name them"),
    @SecurityScheme(securitySchemeName = "ingestToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "The platform's ingest token (internal operations only)")})
public class ApiDefinition extends Application {

    /** The terms the data is published under (the contract's licence and every catalogue entry's). */
    public static final String DATA_LICENCE = "Public credit information (公共信用信息), published under the platform's "
            + "publication rules (公示规则); reuse must keep the data-as-of date and the source";

}
