-- Replica of MySQL table tpcc.stock (topic tidb_tpcc_stock), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.STOCK (
    S_I_ID NUMBER(38,0) NOT NULL,
    S_W_ID NUMBER(38,0) NOT NULL,
    S_QUANTITY NUMBER(38,0),
    S_DIST_01 VARCHAR,
    S_DIST_02 VARCHAR,
    S_DIST_03 VARCHAR,
    S_DIST_04 VARCHAR,
    S_DIST_05 VARCHAR,
    S_DIST_06 VARCHAR,
    S_DIST_07 VARCHAR,
    S_DIST_08 VARCHAR,
    S_DIST_09 VARCHAR,
    S_DIST_10 VARCHAR,
    S_YTD NUMBER(38,0),
    S_ORDER_CNT NUMBER(38,0),
    S_REMOTE_CNT NUMBER(38,0),
    S_DATA VARCHAR,
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (S_I_ID, S_W_ID)
);
