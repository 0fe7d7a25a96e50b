package io.integrationshub.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The raw value of an "Authorization: Token ..." header, on its way to {@link ApiTokenIdentityProvider}. */
public class ApiTokenCredential extends BaseAuthenticationRequest {
    private final String token;

    public ApiTokenCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
