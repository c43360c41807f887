#!/usr/bin/env bash
# Retrains the request model from processor/corpus/ and ../shared/data/, and writes
# processor/src/main/resources/understanding/ (commit those files with the corpus change).
# Encoder vectors are cached in processor/target/encoder-cache.bin: the first run encodes
# ~25,000 texts (about a minute), later runs only the new ones.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl processor -am -DskipTests compile dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.classpath
exec java ${TRAIN_JAVA_OPTS:-} -cp "processor/target/classes:$(cat processor/target/runtime.classpath)" \
  dev.servicebot.processor.understanding.training.RequestModelTrainer "$@"
