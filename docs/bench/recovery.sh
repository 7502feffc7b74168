#!/bin/bash
# Recovery after kill -9: broker in one process, engine in another.
set -u
J=/work/wt-bench/deploy/target/massbalance.jar
D=/tmp/rec; rm -rf $D/stack $D/state; mkdir -p $D
KEYS=${KEYS:-100000}; N=${N:-200000}
java -jar $J local --no-engine --kafka-port 19092 --registry-port 18081 --data-dir $D/stack > $D/stack.out 2> $D/stack.err &
echo $! > $D/stack.pid
for i in $(seq 1 120); do grep -q bootstrap= $D/stack.out && break; sleep 1; done
cat > $D/engine.properties <<P
bootstrap.servers=127.0.0.1:19092
schema.registry.url=http://127.0.0.1:18081
api.port=18080
api.host=127.0.0.1
state.dir=$D/state
period.idle.close.ms=86400000
P
java -jar $J run --config $D/engine.properties > $D/engine1.out 2> $D/engine1.err &
echo $! > $D/engine.pid
java -jar $J generate --keys $KEYS --sites 100 --movements $N --to kafka --bootstrap 127.0.0.1:19092 --registry http://127.0.0.1:18081 > $D/gen.out 2>&1
cat $D/gen.out
echo "generated at $(date +%T)"
