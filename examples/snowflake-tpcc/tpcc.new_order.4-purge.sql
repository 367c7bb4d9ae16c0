-- Retention of landing table CDC_DB.LANDING.TIDB_TPCC_NEW_ORDER. Runs after each merge
-- (AFTER CDC_DB.REPLICA.MERGE_NEW_ORDER, so never at the same time as a merge) and
-- deletes only changes that can no longer matter: those at or below the
-- offset CDC_DB.REPLICA.NEW_ORDER has applied for their key, and all changes of a key
-- that is absent from the replica and whose latest change is a delete.
-- It never truncates: rows the merge has not seen stay.
ALTER TASK IF EXISTS CDC_DB.REPLICA.MERGE_NEW_ORDER SUSPEND;

CREATE OR REPLACE TASK CDC_DB.REPLICA.PURGE_NEW_ORDER
    WAREHOUSE = CDC_WH
    COMMENT = 'cdcctl: purge merged changes of tpcc.new_order from CDC_DB.LANDING.TIDB_TPCC_NEW_ORDER'
    AFTER CDC_DB.REPLICA.MERGE_NEW_ORDER
AS
DELETE FROM CDC_DB.LANDING.TIDB_TPCC_NEW_ORDER AS l
USING (
    SELECT
        h.NO_O_ID,
        h.NO_D_ID,
        h.NO_W_ID,
        CASE
            WHEN r.NO_O_ID IS NOT NULL THEN COALESCE(r._KAFKA_OFFSET, -1)
            WHEN h._CDC_IS_DELETE THEN h._CDC_OFFSET
            ELSE -1
        END AS _CDC_PURGE_TO
    FROM (
        SELECT
            RECORD_METADATA:key:no_o_id::NUMBER(38,0) AS NO_O_ID,
            RECORD_METADATA:key:no_d_id::NUMBER(38,0) AS NO_D_ID,
            RECORD_METADATA:key:no_w_id::NUMBER(38,0) AS NO_W_ID,
            RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET,
            (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE
        FROM CDC_DB.LANDING.TIDB_TPCC_NEW_ORDER
        WHERE RECORD_METADATA:key:no_o_id IS NOT NULL
            AND RECORD_METADATA:key:no_d_id IS NOT NULL
            AND RECORD_METADATA:key:no_w_id IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY NO_O_ID, NO_D_ID, NO_W_ID ORDER BY _CDC_OFFSET DESC) = 1
    ) AS h
    LEFT JOIN CDC_DB.REPLICA.NEW_ORDER AS r ON r.NO_O_ID = h.NO_O_ID AND r.NO_D_ID = h.NO_D_ID AND r.NO_W_ID = h.NO_W_ID
) AS p
WHERE l.RECORD_METADATA:key:no_o_id::NUMBER(38,0) = p.NO_O_ID
    AND l.RECORD_METADATA:key:no_d_id::NUMBER(38,0) = p.NO_D_ID
    AND l.RECORD_METADATA:key:no_w_id::NUMBER(38,0) = p.NO_W_ID
    AND l.RECORD_METADATA:offset::NUMBER <= p._CDC_PURGE_TO;

ALTER TASK CDC_DB.REPLICA.PURGE_NEW_ORDER RESUME;
ALTER TASK CDC_DB.REPLICA.MERGE_NEW_ORDER RESUME;
