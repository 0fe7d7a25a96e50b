package io.integrationshub.apitokens;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs ApiTokenResourceTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class ApiTokenResourceIT extends ApiTokenResourceTest {
}
