-- Applies the changes of tpcc.warehouse (topic tidb_tpcc_warehouse) landed in
-- CDC_DB.LANDING.TIDB_TPCC_WAREHOUSE to CDC_DB.REPLICA.WAREHOUSE, reading stream CDC_DB.LANDING.TIDB_TPCC_WAREHOUSE_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.WAREHOUSE SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.WAREHOUSE AS t
USING (
    SELECT
        RECORD_METADATA:key:w_id::NUMBER(38,0) AS W_ID,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_WAREHOUSE_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:w_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY W_ID ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.W_ID = s.W_ID
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    W_NAME = s._CDC_CONTENT:w_name::STRING,
    W_STREET_1 = s._CDC_CONTENT:w_street_1::STRING,
    W_STREET_2 = s._CDC_CONTENT:w_street_2::STRING,
    W_CITY = s._CDC_CONTENT:w_city::STRING,
    W_STATE = s._CDC_CONTENT:w_state::STRING,
    W_ZIP = s._CDC_CONTENT:w_zip::STRING,
    W_TAX = s._CDC_CONTENT:w_tax::NUMBER(4,4),
    W_YTD = s._CDC_CONTENT:w_ytd::NUMBER(12,2),
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    W_ID,
    W_NAME,
    W_STREET_1,
    W_STREET_2,
    W_CITY,
    W_STATE,
    W_ZIP,
    W_TAX,
    W_YTD,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.W_ID,
    s._CDC_CONTENT:w_name::STRING,
    s._CDC_CONTENT:w_street_1::STRING,
    s._CDC_CONTENT:w_street_2::STRING,
    s._CDC_CONTENT:w_city::STRING,
    s._CDC_CONTENT:w_state::STRING,
    s._CDC_CONTENT:w_zip::STRING,
    s._CDC_CONTENT:w_tax::NUMBER(4,4),
    s._CDC_CONTENT:w_ytd::NUMBER(12,2),
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
