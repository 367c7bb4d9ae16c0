-- Current state of tpcc.district from topic tidb_tpcc_district, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<D_ID INT, D_W_ID INT>;
-- pull queries: SELECT * FROM DISTRICT WHERE ROWKEY = STRUCT(D_ID := ..., D_W_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS DISTRICT WITH (
    KAFKA_TOPIC = 'tidb_tpcc_district',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
