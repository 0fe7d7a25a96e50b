package io.integrationshub.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The request's caller, resolved from its identity once per request (from a JWT's claims once per token,
 * {@link VerifiedTokens#derived})
 * and injected where a resource needs it. Anonymous requests are 401.
 */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private final VerifiedTokens tokens;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity, VerifiedTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    public Caller get() {
        if (caller == null) {
            caller = AccessControl.resolve(identity, tokens);
        }
        return caller;
    }
}
