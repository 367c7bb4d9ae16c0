-- Change events of tpcc.warehouse from topic tidb_tpcc_warehouse: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS WAREHOUSE_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_warehouse',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
