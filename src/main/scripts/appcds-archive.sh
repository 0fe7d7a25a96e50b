#!/usr/bin/env bash
# Writes an AppCDS archive (app-cds.jsa) beside the packaged jar from one training start of the service
# (HubMain's cds-training command: start, one readiness probe, normal exit). A JVM then started with
# the same jar path, the same JDK build and -XX:SharedArchiveFile=<archive> maps the ~10,000 classes
# of a start instead of loading, parsing and verifying them (docs/benchmarks.md). Any mismatch (other
# JDK, other jar path or jar file) makes the JVM ignore the archive and start as without it.
#
# usage: src/main/scripts/appcds-archive.sh [jar] [JVM options of the service...]
#   the environment is the service's (HUB_DB_*, HUB_JWT_*, keyset); without a reachable database add
#   -Dquarkus.flyway.migrate-at-start=false (the archive then lacks Flyway's migration classes).
set -euo pipefail
jar=$(realpath "${1:-target/quarkus-app/quarkus-run.jar}")
[ $# -gt 0 ] && shift
archive=$(dirname "$jar")/app-cds.jsa
rm -f "$archive"
# Classes that could not be linked are skipped with a warning each: expected, not an error.
java "$@" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" cds-training
ls -l "$archive"
