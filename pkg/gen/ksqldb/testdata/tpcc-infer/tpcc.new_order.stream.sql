-- Change events of tpcc.new_order from topic tidb_tpcc_new_order: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS NEW_ORDER_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_new_order',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
