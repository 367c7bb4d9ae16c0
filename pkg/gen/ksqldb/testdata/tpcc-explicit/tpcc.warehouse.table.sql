-- Current state of tpcc.warehouse from topic tidb_tpcc_warehouse, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<W_ID INT>;
-- pull queries: SELECT * FROM WAREHOUSE WHERE ROWKEY = STRUCT(W_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS WAREHOUSE (
    ROWKEY STRUCT<W_ID INT> PRIMARY KEY,
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
