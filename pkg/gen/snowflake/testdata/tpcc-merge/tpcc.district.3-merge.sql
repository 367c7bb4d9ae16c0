-- Applies the changes of tpcc.district (topic tidb_tpcc_district) landed in
-- CDC_DB.LANDING.TIDB_TPCC_DISTRICT to CDC_DB.REPLICA.DISTRICT, reading stream CDC_DB.LANDING.TIDB_TPCC_DISTRICT_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.DISTRICT SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.DISTRICT AS t
USING (
    SELECT
        RECORD_METADATA:key:d_id::NUMBER(38,0) AS D_ID,
        RECORD_METADATA:key:d_w_id::NUMBER(38,0) AS D_W_ID,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_DISTRICT_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:d_id IS NOT NULL
        AND RECORD_METADATA:key:d_w_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY D_ID, D_W_ID ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.D_ID = s.D_ID AND t.D_W_ID = s.D_W_ID
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    D_NAME = s._CDC_CONTENT:d_name::STRING,
    D_STREET_1 = s._CDC_CONTENT:d_street_1::STRING,
    D_STREET_2 = s._CDC_CONTENT:d_street_2::STRING,
    D_CITY = s._CDC_CONTENT:d_city::STRING,
    D_STATE = s._CDC_CONTENT:d_state::STRING,
    D_ZIP = s._CDC_CONTENT:d_zip::STRING,
    D_TAX = s._CDC_CONTENT:d_tax::NUMBER(4,4),
    D_YTD = s._CDC_CONTENT:d_ytd::NUMBER(12,2),
    D_NEXT_O_ID = s._CDC_CONTENT:d_next_o_id::NUMBER(38,0),
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    D_ID,
    D_W_ID,
    D_NAME,
    D_STREET_1,
    D_STREET_2,
    D_CITY,
    D_STATE,
    D_ZIP,
    D_TAX,
    D_YTD,
    D_NEXT_O_ID,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.D_ID,
    s.D_W_ID,
    s._CDC_CONTENT:d_name::STRING,
    s._CDC_CONTENT:d_street_1::STRING,
    s._CDC_CONTENT:d_street_2::STRING,
    s._CDC_CONTENT:d_city::STRING,
    s._CDC_CONTENT:d_state::STRING,
    s._CDC_CONTENT:d_zip::STRING,
    s._CDC_CONTENT:d_tax::NUMBER(4,4),
    s._CDC_CONTENT:d_ytd::NUMBER(12,2),
    s._CDC_CONTENT:d_next_o_id::NUMBER(38,0),
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
