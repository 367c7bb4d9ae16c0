-- Change events of tpcc.warehouse from topic tidb_tpcc_warehouse: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS WAREHOUSE_STREAM (
    ROWKEY STRUCT<W_ID INT> KEY,
    W_ID INT,
    W_NAME STRING,
    W_STREET_1 STRING,
    W_STREET_2 STRING,
    W_CITY STRING,
    W_STATE STRING,
    W_ZIP STRING,
    W_TAX DECIMAL(4, 4),
    W_YTD DECIMAL(12, 2)
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_warehouse',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
