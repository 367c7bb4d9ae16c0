-- Change events of tpcc.stock from topic tidb_tpcc_stock: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS STOCK_STREAM (
    S_I_ID INT KEY,
    S_W_ID INT KEY,
    S_QUANTITY INT,
    S_DIST_01 STRING,
    S_DIST_02 STRING,
    S_DIST_03 STRING,
    S_DIST_04 STRING,
    S_DIST_05 STRING,
    S_DIST_06 STRING,
    S_DIST_07 STRING,
    S_DIST_08 STRING,
    S_DIST_09 STRING,
    S_DIST_10 STRING,
    S_YTD INT,
    S_ORDER_CNT INT,
    S_REMOTE_CNT INT,
    S_DATA STRING
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_stock',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
