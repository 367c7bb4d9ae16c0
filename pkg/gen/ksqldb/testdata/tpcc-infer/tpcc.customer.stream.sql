-- Change events of tpcc.customer from topic tidb_tpcc_customer: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS CUSTOMER_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_customer',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
