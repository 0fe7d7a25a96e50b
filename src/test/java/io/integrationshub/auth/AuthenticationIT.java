package io.integrationshub.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs AuthenticationTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class AuthenticationIT extends AuthenticationTest {
}
