#!/usr/bin/env bash
# Writes an AppCDS archive (app-cds.jsa) beside the packaged jar from one training start of the service
# (HubMain's cds-training command: start, one readiness probe, normal exit). A JVM then started with
# the same jar path, the same JDK build and -XX:SharedArchiveFile=<archive> maps the ~11,000 classes
# of a start instead of loading, parsing and verifying them (docs/benchmarks.md, Start-up). Any mismatch
# (other JDK, other jar path or jar file) makes the JVM ignore the archive and start as without it.
#
# usage: src/main/scripts/appcds-archive.sh [jar] [JVM options of the service...]
#   jar defaults to target/quarkus-app/quarkus-run.jar; the JVM options default to the shipped ones
#   (Dockerfile.jvm, quarkus.kubernetes.env.vars.java-tool-options), which the archive should be used with.
#   The archive records the jar's absolute path: start the service with that same path, e.g. from the
#   project root `java <options> -XX:SharedArchiveFile=$PWD/target/quarkus-app/app-cds.jsa
#   -jar $PWD/target/quarkus-app/quarkus-run.jar` (what ../shared/bench/http-side-by-side.sh runs).
#   With HUB_DB_HOST set, the training uses the service's environment (HUB_DB_*, HUB_JWT_*, keyset) and
#   migrates that database; without it, it trains as the image build does: no database, no schema migration
#   (the archive then lacks Flyway's migration classes, ~5 % of the start's classes; measured the same).
set -euo pipefail
jar=$(realpath "${1:-target/quarkus-app/quarkus-run.jar}")
[ $# -gt 0 ] && shift
if [ $# -eq 0 ]; then
  set -- -XX:+UseSerialGC -Xmx96m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m \
    -XX:MaxDirectMemorySize=32m -Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1
fi
if [ -z "${HUB_DB_HOST:-}" ]; then
  export HUB_DB_HOST=127.0.0.1 HUB_DB_PORT=1 HUB_DB_NAME=training HUB_DB_USER=training HUB_DB_PASSWORD=training \
    HUB_JWT_ISSUER=https://training.invalid HUB_JWT_PUBLIC_KEY_LOCATION=/nonexistent.pem \
    HUB_SECRETS_GENERATE_IF_MISSING=true QUARKUS_LOG_LEVEL=${QUARKUS_LOG_LEVEL:-ERROR}
  set -- "$@" -Dhub.db.migrate-at-start=false
fi
# A free port of its own, so a running service does not answer the training's probe.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18299)
archive=$(dirname "$jar")/app-cds.jsa
classes=$(dirname "$jar")/app-cds.classes
rm -f "$archive" "$classes"
# Classes that could not be linked are skipped with a warning each: expected, not an error. The classes the start
# loaded, in order, go to app-cds.classes, which the service's start preloads on a second thread (ClassPreloader).
QUARKUS_HTTP_PORT=$port java "$@" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Xlog:class+load=info:file="$classes":none:filecount=0 -jar "$jar" cds-training
ls -l "$archive" "$classes"
echo "use it with: -XX:SharedArchiveFile=$archive -jar $jar"
