-- Replica of MySQL table tpcc.customer (topic tidb_tpcc_customer), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.CUSTOMER (
    C_ID NUMBER(38,0) NOT NULL,
    C_D_ID NUMBER(38,0) NOT NULL,
    C_W_ID NUMBER(38,0) NOT NULL,
    C_FIRST VARCHAR,
    C_MIDDLE VARCHAR,
    C_LAST VARCHAR,
    C_STREET_1 VARCHAR,
    C_STREET_2 VARCHAR,
    C_CITY VARCHAR,
    C_STATE VARCHAR,
    C_ZIP VARCHAR,
    C_PHONE VARCHAR,
    C_SINCE TIMESTAMP_NTZ(0),
    C_CREDIT VARCHAR,
    C_CREDIT_LIM NUMBER(12,2),
    C_DISCOUNT NUMBER(4,4),
    C_BALANCE NUMBER(12,2),
    C_YTD_PAYMENT NUMBER(12,2),
    C_PAYMENT_CNT NUMBER(38,0),
    C_DELIVERY_CNT NUMBER(38,0),
    C_DATA VARCHAR,
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (C_ID, C_D_ID, C_W_ID)
);
