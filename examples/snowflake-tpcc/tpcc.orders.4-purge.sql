-- Retention of landing table CDC_DB.LANDING.TIDB_TPCC_ORDERS. Runs after each merge
-- (AFTER CDC_DB.REPLICA.MERGE_ORDERS, so never at the same time as a merge) and
-- deletes only changes that can no longer matter: those at or below the
-- offset CDC_DB.REPLICA.ORDERS has applied for their key, and all changes of a key
-- that is absent from the replica and whose latest change is a delete.
-- It never truncates: rows the merge has not seen stay.
ALTER TASK IF EXISTS CDC_DB.REPLICA.MERGE_ORDERS SUSPEND;

CREATE OR REPLACE TASK CDC_DB.REPLICA.PURGE_ORDERS
    WAREHOUSE = CDC_WH
    COMMENT = 'cdcctl: purge merged changes of tpcc.orders from CDC_DB.LANDING.TIDB_TPCC_ORDERS'
    AFTER CDC_DB.REPLICA.MERGE_ORDERS
AS
DELETE FROM CDC_DB.LANDING.TIDB_TPCC_ORDERS AS l
USING (
    SELECT
        h.O_ID,
        h.O_D_ID,
        h.O_W_ID,
        CASE
            WHEN r.O_ID IS NOT NULL THEN COALESCE(r._KAFKA_OFFSET, -1)
            WHEN h._CDC_IS_DELETE THEN h._CDC_OFFSET
            ELSE -1
        END AS _CDC_PURGE_TO
    FROM (
        SELECT
            RECORD_METADATA:key:o_id::NUMBER(38,0) AS O_ID,
            RECORD_METADATA:key:o_d_id::NUMBER(38,0) AS O_D_ID,
            RECORD_METADATA:key:o_w_id::NUMBER(38,0) AS O_W_ID,
            RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET,
            (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE
        FROM CDC_DB.LANDING.TIDB_TPCC_ORDERS
        WHERE RECORD_METADATA:key:o_id IS NOT NULL
            AND RECORD_METADATA:key:o_d_id IS NOT NULL
            AND RECORD_METADATA:key:o_w_id IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY O_ID, O_D_ID, O_W_ID ORDER BY _CDC_OFFSET DESC) = 1
    ) AS h
    LEFT JOIN CDC_DB.REPLICA.ORDERS AS r ON r.O_ID = h.O_ID AND r.O_D_ID = h.O_D_ID AND r.O_W_ID = h.O_W_ID
) AS p
WHERE l.RECORD_METADATA:key:o_id::NUMBER(38,0) = p.O_ID
    AND l.RECORD_METADATA:key:o_d_id::NUMBER(38,0) = p.O_D_ID
    AND l.RECORD_METADATA:key:o_w_id::NUMBER(38,0) = p.O_W_ID
    AND l.RECORD_METADATA:offset::NUMBER <= p._CDC_PURGE_TO;

ALTER TASK CDC_DB.REPLICA.PURGE_ORDERS RESUME;
ALTER TASK CDC_DB.REPLICA.MERGE_ORDERS RESUME;
