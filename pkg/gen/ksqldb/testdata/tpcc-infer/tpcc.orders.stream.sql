-- Change events of tpcc.orders from topic tidb_tpcc_orders: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS ORDERS_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_orders',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
