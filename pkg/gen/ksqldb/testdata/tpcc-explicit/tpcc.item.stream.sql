-- Change events of tpcc.item from topic tidb_tpcc_item: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS ITEM_STREAM (
    ROWKEY STRUCT<I_ID INT> KEY,
    I_ID INT,
    I_IM_ID INT,
    I_NAME STRING,
    I_PRICE DECIMAL(5, 2),
    I_DATA STRING
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_item',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
