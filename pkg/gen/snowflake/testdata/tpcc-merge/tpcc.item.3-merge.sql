-- Applies the changes of tpcc.item (topic tidb_tpcc_item) landed in
-- CDC_DB.LANDING.TIDB_TPCC_ITEM to CDC_DB.REPLICA.ITEM, reading stream CDC_DB.LANDING.TIDB_TPCC_ITEM_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.ITEM SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.ITEM AS t
USING (
    SELECT
        RECORD_METADATA:key:i_id::NUMBER(38,0) AS I_ID,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_ITEM_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:i_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY I_ID ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.I_ID = s.I_ID
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    I_IM_ID = s._CDC_CONTENT:i_im_id::NUMBER(38,0),
    I_NAME = s._CDC_CONTENT:i_name::STRING,
    I_PRICE = s._CDC_CONTENT:i_price::NUMBER(5,2),
    I_DATA = s._CDC_CONTENT:i_data::STRING,
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    I_ID,
    I_IM_ID,
    I_NAME,
    I_PRICE,
    I_DATA,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.I_ID,
    s._CDC_CONTENT:i_im_id::NUMBER(38,0),
    s._CDC_CONTENT:i_name::STRING,
    s._CDC_CONTENT:i_price::NUMBER(5,2),
    s._CDC_CONTENT:i_data::STRING,
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
