package io.integrationshub.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs ErrorContractTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class ErrorContractIT extends ErrorContractTest {
}
