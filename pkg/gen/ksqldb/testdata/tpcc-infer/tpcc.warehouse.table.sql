-- Current state of tpcc.warehouse from topic tidb_tpcc_warehouse, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<W_ID INT>;
-- pull queries: SELECT * FROM WAREHOUSE WHERE ROWKEY = STRUCT(W_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS WAREHOUSE WITH (
    KAFKA_TOPIC = 'tidb_tpcc_warehouse',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
