-- Replica of MySQL table tpcc.district (topic tidb_tpcc_district), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.DISTRICT (
    D_ID NUMBER(38,0) NOT NULL,
    D_W_ID NUMBER(38,0) NOT NULL,
    D_NAME VARCHAR,
    D_STREET_1 VARCHAR,
    D_STREET_2 VARCHAR,
    D_CITY VARCHAR,
    D_STATE VARCHAR,
    D_ZIP VARCHAR,
    D_TAX NUMBER(4,4),
    D_YTD NUMBER(12,2),
    D_NEXT_O_ID NUMBER(38,0),
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (D_ID, D_W_ID)
);
