-- Current state of tpcc.stock from topic tidb_tpcc_stock, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<S_I_ID INT, S_W_ID INT>;
-- pull queries: SELECT * FROM STOCK WHERE ROWKEY = STRUCT(S_I_ID := ..., S_W_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS STOCK WITH (
    KAFKA_TOPIC = 'tidb_tpcc_stock',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
