-- Change events of tpcc.order_line from topic tidb_tpcc_order_line: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS ORDER_LINE_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_order_line',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
