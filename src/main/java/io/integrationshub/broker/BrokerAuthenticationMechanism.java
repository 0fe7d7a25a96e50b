package io.integrationshub.broker;

import io.integrationshub.auth.AuthorizationSchemeMechanism;
import jakarta.inject.Singleton;

/**
 * Reads "Authorization: Broker brk_..." (API.md 5). Like the API-token mechanism it answers only its
 * own scheme, so bearer JWTs and "Token" headers never reach it, and a broker token is never read as one
 * of those. The identity it yields carries no organisation grant: AccessControl refuses it everywhere
 * but at the broker's own endpoint.
 */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class BrokerAuthenticationMechanism extends AuthorizationSchemeMechanism {
    public static final String CHALLENGE = "Broker realm=\"integrations-hub\"";

    public BrokerAuthenticationMechanism() {
        super("Broker", CHALLENGE, BrokerCredential.class, BrokerCredential::new);
    }
}
