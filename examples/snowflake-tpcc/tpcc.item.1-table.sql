-- Replica of MySQL table tpcc.item (topic tidb_tpcc_item), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.ITEM (
    I_ID NUMBER(38,0) NOT NULL,
    I_IM_ID NUMBER(38,0),
    I_NAME VARCHAR,
    I_PRICE NUMBER(5,2),
    I_DATA VARCHAR,
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (I_ID)
);
