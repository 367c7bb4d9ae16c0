-- Change events of tpcc.stock from topic tidb_tpcc_stock: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS STOCK_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_stock',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
