-- Retention of landing table CDC_DB.LANDING.TIDB_TPCC_ORDER_LINE. Runs after each merge
-- (AFTER CDC_DB.REPLICA.MERGE_ORDER_LINE, so never at the same time as a merge) and
-- deletes only changes that can no longer matter: those at or below the
-- offset CDC_DB.REPLICA.ORDER_LINE has applied for their key, and all changes of a key
-- that is absent from the replica and whose latest change is a delete.
-- It never truncates: rows the merge has not seen stay.
ALTER TASK IF EXISTS CDC_DB.REPLICA.MERGE_ORDER_LINE SUSPEND;

CREATE OR REPLACE TASK CDC_DB.REPLICA.PURGE_ORDER_LINE
    WAREHOUSE = CDC_WH
    COMMENT = 'cdcctl: purge merged changes of tpcc.order_line from CDC_DB.LANDING.TIDB_TPCC_ORDER_LINE'
    AFTER CDC_DB.REPLICA.MERGE_ORDER_LINE
AS
DELETE FROM CDC_DB.LANDING.TIDB_TPCC_ORDER_LINE AS l
USING (
    SELECT
        h.OL_O_ID,
        h.OL_D_ID,
        h.OL_W_ID,
        h.OL_NUMBER,
        CASE
            WHEN r.OL_O_ID IS NOT NULL THEN COALESCE(r._KAFKA_OFFSET, -1)
            WHEN h._CDC_IS_DELETE THEN h._CDC_OFFSET
            ELSE -1
        END AS _CDC_PURGE_TO
    FROM (
        SELECT
            RECORD_METADATA:key:ol_o_id::NUMBER(38,0) AS OL_O_ID,
            RECORD_METADATA:key:ol_d_id::NUMBER(38,0) AS OL_D_ID,
            RECORD_METADATA:key:ol_w_id::NUMBER(38,0) AS OL_W_ID,
            RECORD_METADATA:key:ol_number::NUMBER(38,0) AS OL_NUMBER,
            RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET,
            (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE
        FROM CDC_DB.LANDING.TIDB_TPCC_ORDER_LINE
        WHERE RECORD_METADATA:key:ol_o_id IS NOT NULL
            AND RECORD_METADATA:key:ol_d_id IS NOT NULL
            AND RECORD_METADATA:key:ol_w_id IS NOT NULL
            AND RECORD_METADATA:key:ol_number IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY OL_O_ID, OL_D_ID, OL_W_ID, OL_NUMBER ORDER BY _CDC_OFFSET DESC) = 1
    ) AS h
    LEFT JOIN CDC_DB.REPLICA.ORDER_LINE AS r ON r.OL_O_ID = h.OL_O_ID AND r.OL_D_ID = h.OL_D_ID AND r.OL_W_ID = h.OL_W_ID AND r.OL_NUMBER = h.OL_NUMBER
) AS p
WHERE l.RECORD_METADATA:key:ol_o_id::NUMBER(38,0) = p.OL_O_ID
    AND l.RECORD_METADATA:key:ol_d_id::NUMBER(38,0) = p.OL_D_ID
    AND l.RECORD_METADATA:key:ol_w_id::NUMBER(38,0) = p.OL_W_ID
    AND l.RECORD_METADATA:key:ol_number::NUMBER(38,0) = p.OL_NUMBER
    AND l.RECORD_METADATA:offset::NUMBER <= p._CDC_PURGE_TO;

ALTER TASK CDC_DB.REPLICA.PURGE_ORDER_LINE RESUME;
ALTER TASK CDC_DB.REPLICA.MERGE_ORDER_LINE RESUME;
