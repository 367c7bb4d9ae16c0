-- Change events of tpcc.orders from topic tidb_tpcc_orders: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS ORDERS_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_orders',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);

-- Current state of tpcc.orders from topic tidb_tpcc_orders, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<O_ID INT, O_D_ID INT, O_W_ID INT>;
-- pull queries: SELECT * FROM ORDERS WHERE ROWKEY = STRUCT(O_ID := ..., O_D_ID := ..., O_W_ID := ...);
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS ORDERS WITH (
    KAFKA_TOPIC = 'tidb_tpcc_orders',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
