package io.integrationshub.idempotency;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs IdempotencyTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class IdempotencyIT extends IdempotencyTest {
}
