#!/usr/bin/env bash
# JMH micro-benchmarks of pure domain code (no app, no database), e.g. rule condition evaluation:
#
#   bench/jmh.sh                                   # every JMH benchmark, settings from the annotations
#   bench/jmh.sh ConditionEvaluationBenchmark      # one class (any JMH regexp and options pass through)
#   bench/jmh.sh ConditionEvaluationBenchmark -wi 2 -i 3 -r 1s -w 1s    # a shorter run
#
# Builds the bench module (./mvnw -q -pl bench -am package -DskipTests), then runs org.openjdk.jmh.Main on
# bench/target/bench-*.jar and bench/target/lib/*. Results are printed; add `-rf json -rff FILE` to keep them.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
(cd "$root" && ./mvnw -q -B -pl bench -am package -DskipTests) >&2
jar=$(ls "$here"/target/bench-*.jar | grep -v -- '-sources\|-javadoc' | head -1)
exec java -cp "$jar:$here/target/lib/*" org.openjdk.jmh.Main "$@"
