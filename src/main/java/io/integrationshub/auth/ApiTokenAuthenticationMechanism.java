package io.integrationshub.auth;

import jakarta.inject.Singleton;

/** Reads "Authorization: Token iht_..." (API.md 3.3); bearer JWTs are left to SmallRye JWT's mechanism. */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class ApiTokenAuthenticationMechanism extends AuthorizationSchemeMechanism {
    public ApiTokenAuthenticationMechanism() {
        super("Token", "Token realm=\"integrations-hub\"", ApiTokenCredential.class, ApiTokenCredential::new);
    }
}
