-- Current state of tpcc.district from topic tidb_tpcc_district, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record's fields are the key columns D_ID, D_W_ID.
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS DISTRICT (
    D_ID INT PRIMARY KEY,
    D_W_ID INT PRIMARY KEY,
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
