#!/usr/bin/env bash
# The development view of the request model: dev-split accuracy with and without the structure
# rules, and destination extraction on train + dev (never the test split). See DevReport.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl processor -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
exec java -cp "processor/target/test-classes:processor/target/classes:$(cat processor/target/test.classpath)" \
  dev.servicebot.processor.understanding.DevReport "$@"
