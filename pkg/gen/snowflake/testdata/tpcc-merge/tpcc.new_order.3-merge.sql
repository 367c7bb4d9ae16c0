-- Applies the changes of tpcc.new_order (topic tidb_tpcc_new_order) landed in
-- CDC_DB.LANDING.TIDB_TPCC_NEW_ORDER to CDC_DB.REPLICA.NEW_ORDER, reading stream CDC_DB.LANDING.TIDB_TPCC_NEW_ORDER_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.NEW_ORDER SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.NEW_ORDER AS t
USING (
    SELECT
        RECORD_METADATA:key:no_o_id::NUMBER(38,0) AS NO_O_ID,
        RECORD_METADATA:key:no_d_id::NUMBER(38,0) AS NO_D_ID,
        RECORD_METADATA:key:no_w_id::NUMBER(38,0) AS NO_W_ID,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_NEW_ORDER_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:no_o_id IS NOT NULL
        AND RECORD_METADATA:key:no_d_id IS NOT NULL
        AND RECORD_METADATA:key:no_w_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY NO_O_ID, NO_D_ID, NO_W_ID ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.NO_O_ID = s.NO_O_ID AND t.NO_D_ID = s.NO_D_ID AND t.NO_W_ID = s.NO_W_ID
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    NO_O_ID,
    NO_D_ID,
    NO_W_ID,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.NO_O_ID,
    s.NO_D_ID,
    s.NO_W_ID,
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
