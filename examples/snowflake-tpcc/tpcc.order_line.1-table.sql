-- Replica of MySQL table tpcc.order_line (topic tidb_tpcc_order_line), kept up to date by
-- the MERGE task. Only key columns are NOT NULL: a value Snowflake cannot
-- represent (a zero date) lands as NULL instead of failing the merge.
CREATE TABLE IF NOT EXISTS CDC_DB.REPLICA.ORDER_LINE (
    OL_O_ID NUMBER(38,0) NOT NULL,
    OL_D_ID NUMBER(38,0) NOT NULL,
    OL_W_ID NUMBER(38,0) NOT NULL,
    OL_NUMBER NUMBER(38,0) NOT NULL,
    OL_I_ID NUMBER(38,0),
    OL_SUPPLY_W_ID NUMBER(38,0),
    OL_DELIVERY_D TIMESTAMP_NTZ(0),
    OL_QUANTITY NUMBER(38,0),
    OL_AMOUNT NUMBER(6,2),
    OL_DIST_INFO VARCHAR,
    _KAFKA_PARTITION NUMBER(10,0) COMMENT 'Kafka partition of the change applied last',
    _KAFKA_OFFSET NUMBER(20,0) COMMENT 'Kafka offset of the change applied last; older changes are ignored',
    PRIMARY KEY (OL_O_ID, OL_D_ID, OL_W_ID, OL_NUMBER)
);
