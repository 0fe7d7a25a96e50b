package io.integrationshub.integrations;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs IntegrationResourceTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class IntegrationResourceIT extends IntegrationResourceTest {
}
