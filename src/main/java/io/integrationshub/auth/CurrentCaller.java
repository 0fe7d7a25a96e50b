package io.integrationshub.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The request's caller, resolved from its identity once per request (JWT claims are parsed at most once)
 * and injected where a resource needs it. Anonymous requests are 401.
 */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) {
            caller = AccessControl.resolve(identity);
        }
        return caller;
    }
}
