-- Change events of tpcc.district from topic tidb_tpcc_district: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS DISTRICT_STREAM (
    D_ID INT KEY,
    D_W_ID INT KEY,
    D_NAME STRING,
    D_STREET_1 STRING,
    D_STREET_2 STRING,
    D_CITY STRING,
    D_STATE STRING,
    D_ZIP STRING,
    D_TAX DECIMAL(4, 4),
    D_YTD DECIMAL(12, 2),
    D_NEXT_O_ID INT
) WITH (
    KAFKA_TOPIC = 'tidb_tpcc_district',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
