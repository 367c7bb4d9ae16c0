-- Current state of tpcc.order_line from topic tidb_tpcc_order_line, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record's fields are the key columns OL_O_ID, OL_D_ID, OL_W_ID, OL_NUMBER.
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS ORDER_LINE (
    OL_O_ID INT PRIMARY KEY,
    OL_D_ID INT PRIMARY KEY,
    OL_W_ID INT PRIMARY KEY,
    OL_NUMBER INT PRIMARY KEY,
    OL_I_ID INT,
    OL_SUPPLY_W_ID INT,
    OL_DELIVERY_D STRING,
    OL_QUANTITY INT,
    OL_AMOUNT DECIMAL(6, 2),
    OL_DIST_INFO STRING
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_order_line',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
