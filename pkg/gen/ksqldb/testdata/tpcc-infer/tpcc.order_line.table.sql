-- Current state of tpcc.order_line from topic tidb_tpcc_order_line, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<OL_O_ID INT, OL_D_ID INT, OL_W_ID INT, OL_NUMBER INT>;
-- pull queries: SELECT * FROM ORDER_LINE WHERE ROWKEY = STRUCT(OL_O_ID := ..., OL_D_ID := ..., OL_W_ID := ..., OL_NUMBER := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS ORDER_LINE WITH (
    KAFKA_TOPIC = 'tidb_tpcc_order_line',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
