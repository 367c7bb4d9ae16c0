-- Current state of tpcc.item from topic tidb_tpcc_item, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<I_ID INT>;
-- pull queries: SELECT * FROM ITEM WHERE ROWKEY = STRUCT(I_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS ITEM (
    ROWKEY STRUCT<I_ID INT> PRIMARY KEY,
    I_ID INT,
    I_IM_ID INT,
    I_NAME STRING,
    I_PRICE DECIMAL(5, 2),
    I_DATA STRING
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_item',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
