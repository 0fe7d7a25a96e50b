package io.integrationshub.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs OpenApiAndHealthTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class OpenApiAndHealthIT extends OpenApiAndHealthTest {
}
