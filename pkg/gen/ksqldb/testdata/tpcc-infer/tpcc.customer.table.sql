-- Current state of tpcc.customer from topic tidb_tpcc_customer, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<C_ID INT, C_D_ID INT, C_W_ID INT>;
-- pull queries: SELECT * FROM CUSTOMER WHERE ROWKEY = STRUCT(C_ID := ..., C_D_ID := ..., C_W_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS CUSTOMER WITH (
    KAFKA_TOPIC = 'tidb_tpcc_customer',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
