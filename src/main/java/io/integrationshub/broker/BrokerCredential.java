package io.integrationshub.broker;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The raw value of an "Authorization: Broker ..." header, on its way to {@link BrokerIdentityProvider}. */
public class BrokerCredential extends BaseAuthenticationRequest {
    private final String token;

    public BrokerCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "BrokerCredential[redacted]";
    }
}
