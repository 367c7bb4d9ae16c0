-- Current state of tpcc.orders from topic tidb_tpcc_orders, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record's fields are the key columns O_ID, O_D_ID, O_W_ID.
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS ORDERS (
    O_ID INT PRIMARY KEY,
    O_D_ID INT PRIMARY KEY,
    O_W_ID INT PRIMARY KEY,
    O_C_ID INT,
    O_ENTRY_D STRING,
    O_CARRIER_ID INT,
    O_OL_CNT INT,
    O_ALL_LOCAL INT
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_orders',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
