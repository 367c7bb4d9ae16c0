-- Change events of tpcc.district from topic tidb_tpcc_district: one row per insert or update.
-- A STREAM skips deletes (tombstones); use the TABLE for current state.
CREATE STREAM IF NOT EXISTS DISTRICT_STREAM WITH (
    KAFKA_TOPIC = 'tidb_tpcc_district',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
