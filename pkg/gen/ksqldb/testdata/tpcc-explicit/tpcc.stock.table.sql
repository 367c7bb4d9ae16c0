-- Current state of tpcc.stock from topic tidb_tpcc_stock, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record's fields are the key columns S_I_ID, S_W_ID.
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS STOCK (
    S_I_ID INT PRIMARY KEY,
    S_W_ID INT PRIMARY KEY,
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
