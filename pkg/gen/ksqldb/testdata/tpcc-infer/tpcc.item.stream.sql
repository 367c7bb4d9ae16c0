-- Change events of tpcc.item from topic tidb_tpcc_item: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS ITEM_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_item',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
