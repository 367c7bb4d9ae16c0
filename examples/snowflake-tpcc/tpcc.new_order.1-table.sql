-- Replica of MySQL table tpcc.new_order (topic tidb_tpcc_new_order), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.NEW_ORDER (
    NO_O_ID NUMBER(38,0) NOT NULL,
    NO_D_ID NUMBER(38,0) NOT NULL,
    NO_W_ID NUMBER(38,0) NOT NULL,
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (NO_O_ID, NO_D_ID, NO_W_ID)
);
