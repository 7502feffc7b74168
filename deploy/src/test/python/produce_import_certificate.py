#!/usr/bin/env python3
"""Writes one NOP Import Certificate record with Confluent's own Python client.

Usage: produce_import_certificate.py BOOTSTRAP REGISTRY_URL TOPIC SCHEMA_FILE NUMBER PRODUCT_ID
           QUANTITY UNIT VALID_FROM VALID_TO

Encodes the record in the Confluent wire format with confluent_kafka.avro (CachedSchemaRegistryClient
+ MessageSerializer), registering SCHEMA_FILE (the engine's ImportCertificate.avsc) under the
subject TOPIC-value, and produces it keyed by NUMBER (UTF-8) with librdkafka's own partitioner
(CRC32, not Kafka's murmur2: the engine re-keys certificate records by number whatever partition
they land on). Prints the schema id and the partition.

Exit codes: 0 when the record was acknowledged, 1 when it was not, 3 when the Confluent client is
not installed (Debian: python3-confluent-kafka python3-avro python3-requests).
"""
import sys

try:
    from confluent_kafka import Producer
    from confluent_kafka.avro import CachedSchemaRegistryClient, loads
    from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
except ImportError as e:  # pragma: no cover - reported to the Java test
    print("MISSING confluent_kafka avro client: %s (install python3-confluent-kafka, "
          "python3-avro and python3-requests)" % e, file=sys.stderr)
    sys.exit(3)


def main(argv):
    if len(argv) != 11:
        print(__doc__, file=sys.stderr)
        return 64
    bootstrap, registry_url, topic, schema_file = argv[1], argv[2], argv[3], argv[4]
    number, product, quantity, unit, valid_from, valid_to = argv[5:11]
    with open(schema_file, encoding="utf-8") as f:
        schema = loads(f.read())
    registry = CachedSchemaRegistryClient({"url": registry_url})
    serializer = MessageSerializer(registry)
    record = {
        "certificate_number": number,
        "product_id": product,
        "hts_code": "0802120000",
        "quantity": quantity,
        "unit": unit,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "exporter": "Exportadora del Norte",
        "importer_nop_id": "8150000016",
        "certifier": "CCOF Certification Services",
        "origin_country": "MX",
    }
    value = serializer.encode_record_with_schema(topic, schema, record)
    schema_id = int.from_bytes(value[1:5], "big")
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True})
    delivered = []

    def on_delivery(err, msg):
        if err is not None:
            print("delivery failed: %s" % err, file=sys.stderr)
        else:
            delivered.append(msg.partition())

    producer.produce(topic, key=number.encode("utf-8"), value=value, on_delivery=on_delivery)
    producer.flush(30)
    if not delivered:
        return 1
    print("schema_id=%d partition=%d" % (schema_id, delivered[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
