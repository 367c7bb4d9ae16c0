-- Change events of tpcc.customer from topic tidb_tpcc_customer: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS CUSTOMER_STREAM (
    C_ID INT KEY,
    C_D_ID INT KEY,
    C_W_ID INT KEY,
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
