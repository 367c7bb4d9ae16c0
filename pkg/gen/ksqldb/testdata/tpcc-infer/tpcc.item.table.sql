-- Current state of tpcc.item from topic tidb_tpcc_item, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<I_ID INT>;
-- pull queries: SELECT * FROM ITEM WHERE ROWKEY = STRUCT(I_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS ITEM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_item',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
