package io.integrationshub.common.web;

/** A representation that carries its resource's version: the ETag it is answered with (API.md 1.3). */
public interface Versioned {
    int version();
}
