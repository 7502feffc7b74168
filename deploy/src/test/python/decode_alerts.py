#!/usr/bin/env python3
"""Reads alerts with Confluent's own Python client and prints one JSON object per alert.

Usage: decode_alerts.py BOOTSTRAP REGISTRY_URL TOPIC EXPECTED_COUNT TIMEOUT_SECONDS

Consumes TOPIC from the beginning (isolation.level read_committed), decodes each value in the
Confluent wire format through the schema registry at REGISTRY_URL with
confluent_kafka.avro (CachedSchemaRegistryClient + MessageSerializer), and prints each decoded
alert as one JSON line. After EXPECTED_COUNT alerts it polls one more second for extra ones.

Exit codes: 0 when at least EXPECTED_COUNT alerts were decoded, 2 on timeout, 3 when the
Confluent client is not installed (Debian: python3-confluent-kafka python3-avro python3-requests).
"""
import json
import sys
import time
import uuid

try:
    import confluent_kafka
    from confluent_kafka import Consumer, KafkaError
    from confluent_kafka.avro import CachedSchemaRegistryClient
    from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
except ImportError as e:  # pragma: no cover - reported to the Java test
    print("MISSING confluent_kafka avro client: %s (install python3-confluent-kafka, "
          "python3-avro and python3-requests)" % e, file=sys.stderr)
    sys.exit(3)


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 64
    bootstrap, registry_url, topic = argv[1], argv[2], argv[3]
    expected, timeout = int(argv[4]), float(argv[5])
    print("confluent_kafka %s librdkafka %s" % (confluent_kafka.version()[0],
                                                 confluent_kafka.libversion()[0]),
          file=sys.stderr)
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": registry_url}))
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": "decode-alerts-" + str(uuid.uuid4()),
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
    })
    consumer.subscribe([topic])
    decoded = 0
    deadline = time.monotonic() + timeout
    extra_until = None
    try:
        while True:
            now = time.monotonic()
            if extra_until is not None and now >= extra_until:
                break
            if extra_until is None and now >= deadline:
                break
            msg = consumer.poll(0.2)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                print("consumer error: %s" % msg.error(), file=sys.stderr)
                continue
            value = serializer.decode_message(msg.value())
            value["_key"] = msg.key().decode("utf-8") if msg.key() is not None else None
            value["_partition"] = msg.partition()
            value["_offset"] = msg.offset()
            print(json.dumps(value, sort_keys=True), flush=True)
            decoded += 1
            if decoded >= expected and extra_until is None:
                extra_until = time.monotonic() + 1.0
    finally:
        consumer.close()
    if decoded < expected:
        print("timed out: decoded %d of %d alerts" % (decoded, expected), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
