-- Replica of MySQL table tpcc.warehouse (topic tidb_tpcc_warehouse), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.WAREHOUSE (
    W_ID NUMBER(38,0) NOT NULL,
    W_NAME VARCHAR,
    W_STREET_1 VARCHAR,
    W_STREET_2 VARCHAR,
    W_CITY VARCHAR,
    W_STATE VARCHAR,
    W_ZIP VARCHAR,
    W_TAX NUMBER(4,4),
    W_YTD NUMBER(12,2),
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (W_ID)
);
