package io.integrationshub.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs PaginationTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class PaginationIT extends PaginationTest {
}
