-- Change events of tpcc.order_line from topic tidb_tpcc_order_line: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS ORDER_LINE_STREAM (
    OL_O_ID INT KEY,
    OL_D_ID INT KEY,
    OL_W_ID INT KEY,
    OL_NUMBER INT KEY,
    OL_I_ID INT,
    OL_SUPPLY_W_ID INT,
    OL_DELIVERY_D STRING,
    OL_QUANTITY INT,
    OL_AMOUNT DECIMAL(6, 2),
    OL_DIST_INFO STRING
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_order_line',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
