-- Current state of tpcc.new_order from topic tidb_tpcc_new_order, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<NO_O_ID INT, NO_D_ID INT, NO_W_ID INT>;
-- pull queries: SELECT * FROM NEW_ORDER WHERE ROWKEY = STRUCT(NO_O_ID := ..., NO_D_ID := ..., NO_W_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS NEW_ORDER WITH (
    KAFKA_TOPIC = 'tidb_tpcc_new_order',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
