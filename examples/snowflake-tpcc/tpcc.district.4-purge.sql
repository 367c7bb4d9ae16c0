-- Retention of landing table CDC_DB.LANDING.TIDB_TPCC_DISTRICT. Runs after each merge
-- (AFTER CDC_DB.REPLICA.MERGE_DISTRICT, so never at the same time as a merge) and
-- deletes only changes that can no longer matter: those at or below the
-- offset CDC_DB.REPLICA.DISTRICT has applied for their key, and all changes of a key
-- that is absent from the replica and whose latest change is a delete.
-- It never truncates: rows the merge has not seen stay.
ALTER TASK IF EXISTS CDC_DB.REPLICA.MERGE_DISTRICT SUSPEND;

CREATE OR REPLACE TASK CDC_DB.REPLICA.PURGE_DISTRICT
    WAREHOUSE = CDC_WH
    COMMENT = 'cdcctl: purge merged changes of tpcc.district from CDC_DB.LANDING.TIDB_TPCC_DISTRICT'
    AFTER CDC_DB.REPLICA.MERGE_DISTRICT
AS
DELETE FROM CDC_DB.LANDING.TIDB_TPCC_DISTRICT AS l
USING (
    SELECT
        h.D_ID,
        h.D_W_ID,
        CASE
            WHEN r.D_ID IS NOT NULL THEN COALESCE(r._KAFKA_OFFSET, -1)
            WHEN h._CDC_IS_DELETE THEN h._CDC_OFFSET
            ELSE -1
        END AS _CDC_PURGE_TO
    FROM (
        SELECT
            RECORD_METADATA:key:d_id::NUMBER(38,0) AS D_ID,
            RECORD_METADATA:key:d_w_id::NUMBER(38,0) AS D_W_ID,
            RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET,
            (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE
        FROM CDC_DB.LANDING.TIDB_TPCC_DISTRICT
        WHERE RECORD_METADATA:key:d_id IS NOT NULL
            AND RECORD_METADATA:key:d_w_id IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY D_ID, D_W_ID ORDER BY _CDC_OFFSET DESC) = 1
    ) AS h
    LEFT JOIN CDC_DB.REPLICA.DISTRICT AS r ON r.D_ID = h.D_ID AND r.D_W_ID = h.D_W_ID
) AS p
WHERE l.RECORD_METADATA:key:d_id::NUMBER(38,0) = p.D_ID
    AND l.RECORD_METADATA:key:d_w_id::NUMBER(38,0) = p.D_W_ID
    AND l.RECORD_METADATA:offset::NUMBER <= p._CDC_PURGE_TO;

ALTER TASK CDC_DB.REPLICA.PURGE_DISTRICT RESUME;
ALTER TASK CDC_DB.REPLICA.MERGE_DISTRICT RESUME;
