-- Current state of tpcc.customer from topic tidb_tpcc_customer, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record's fields are the key columns C_ID, C_D_ID, C_W_ID.
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS CUSTOMER (
    C_ID INT PRIMARY KEY,
    C_D_ID INT PRIMARY KEY,
    C_W_ID INT PRIMARY KEY,
    C_FIRST STRING,
    C_MIDDLE STRING,
    C_LAST STRING,
    C_STREET_1 STRING,
    C_STREET_2 STRING,
    C_CITY STRING,
    C_STATE STRING,
    C_ZIP STRING,
    C_PHONE STRING,
    C_SINCE STRING,
    C_CREDIT STRING,
    C_CREDIT_LIM DECIMAL(12, 2),
    C_DISCOUNT DECIMAL(4, 4),
    C_BALANCE DECIMAL(12, 2),
    C_YTD_PAYMENT DECIMAL(12, 2),
    C_PAYMENT_CNT INT,
    C_DELIVERY_CNT INT,
    C_DATA STRING
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_customer',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
