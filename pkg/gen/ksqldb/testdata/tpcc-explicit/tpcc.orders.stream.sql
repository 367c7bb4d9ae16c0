-- Change events of tpcc.orders from topic tidb_tpcc_orders: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS ORDERS_STREAM (
    O_ID INT KEY,
    O_D_ID INT KEY,
    O_W_ID INT KEY,
    O_C_ID INT,
    O_ENTRY_D STRING,
    O_CARRIER_ID INT,
    O_OL_CNT INT,
    O_ALL_LOCAL INT
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_orders',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
