-- Replica of MySQL table tpcc.orders (topic tidb_tpcc_orders), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.ORDERS (
    O_ID NUMBER(38,0) NOT NULL,
    O_D_ID NUMBER(38,0) NOT NULL,
    O_W_ID NUMBER(38,0) NOT NULL,
    O_C_ID NUMBER(38,0),
    O_ENTRY_D TIMESTAMP_NTZ(0),
    O_CARRIER_ID NUMBER(38,0),
    O_OL_CNT NUMBER(38,0),
    O_ALL_LOCAL NUMBER(38,0),
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (O_ID, O_D_ID, O_W_ID)
);
