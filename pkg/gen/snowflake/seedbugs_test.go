package snowflake_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

// allSQL generates gen-all for every TPC-C table with a key and for the
// all-types table, in both delete modes, keyed by "<table>/<kind>".
func allSQL(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	tables := append(eligible(gentest.TPCC(t)), gentest.AllTypes(t))
	for _, soft := range []bool{false, true} {
		o := baseOptions()
		o.SoftDelete = soft
		arts, err := snowflake.Generate(append(snowflake.AllKinds(), snowflake.KindMerge), targets(tables...), o)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			k := a.Table + "/" + a.Kind
			if soft {
				k += "/soft"
			}
			out[k] = a.Content
		}
	}
	return out
}

func byKind(all map[string]string, kind string) map[string]string {
	out := map[string]string{}
	for k, v := range all {
		if strings.Contains(k, "/"+kind) {
			out[k] = v
		}
	}
	return out
}

// TestSeedGuideBugsAbsent checks, one by one, that the defects of the
// tutorial SQL (spec downstream.md §4.8) are not in what we generate. Bug 1
// (behavior.on.null.values) is a connector setting, tested in
// pkg/gen/connector.
func TestSeedGuideBugsAbsent(t *testing.T) {
	all := allSQL(t)
	merges := byKind(all, "merge")
	tasks := byKind(all, "task")
	purges := byKind(all, "purge")
	streams := byKind(all, "stream")
	if len(merges) == 0 || len(tasks) == 0 || len(purges) == 0 || len(streams) == 0 {
		t.Fatalf("generated nothing: %d merges %d tasks %d purges %d streams", len(merges), len(tasks), len(purges), len(streams))
	}
	check := func(t *testing.T, set map[string]string, ok func(sql string) bool, what string) {
		t.Helper()
		for k, sql := range set {
			if !ok(sql) {
				t.Errorf("%s: %s", k, what)
			}
		}
	}
	has := func(s string) func(string) bool { return func(sql string) bool { return strings.Contains(sql, s) } }
	hasNot := func(s string) func(string) bool { return func(sql string) bool { return !strings.Contains(sql, s) } }

	t.Run("2 delete predicate works for v3 {} and v4 NULL, never IS_NULL_VALUE", func(t *testing.T) {
		check(t, merges, has(`(RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE`), "no tombstone test")
		check(t, merges, hasNot("IS_NULL_VALUE"), "uses IS_NULL_VALUE")
		hard := map[string]string{}
		for k, v := range merges {
			if !strings.HasSuffix(k, "/soft") {
				hard[k] = v
			}
		}
		check(t, hard, has("WHEN MATCHED AND s._CDC_IS_DELETE AND"), "a tombstone does not delete")
		check(t, hard, has("WHEN MATCHED AND NOT s._CDC_IS_DELETE AND"), "an update is not guarded against tombstones")
		check(t, hard, has("WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT"), "a tombstone for an unseen key is inserted")
	})
	t.Run("3 every column extracted by its Avro field name and cast, no :val", func(t *testing.T) {
		check(t, merges, hasNot(":val"), "uses RECORD_CONTENT:val")
		re := regexp.MustCompile(`(?m)^    (\S+(?: \S+)?) = (.*),$`)
		for k, sql := range merges {
			for _, m := range re.FindAllStringSubmatch(sql, -1) {
				if strings.HasPrefix(m[1], "_") {
					continue
				}
				expr := m[2]
				if !strings.Contains(expr, "s._CDC_CONTENT:") || !(strings.Contains(expr, "::") || strings.HasPrefix(expr, "PARSE_JSON(")) {
					t.Errorf("%s: column %s = %s is not a typed extraction", k, m[1], expr)
				}
			}
		}
		item := merges["tpcc.item/merge"]
		for _, want := range []string{"s._CDC_CONTENT:i_price::NUMBER(5,2)", "s._CDC_CONTENT:i_name::STRING", "s._CDC_CONTENT:i_im_id::NUMBER(38,0)"} {
			if !strings.Contains(item, want) {
				t.Errorf("item merge lacks %s", want)
			}
		}
		types := merges["test.alltypes/merge"]
		for _, want := range []string{`s._CDC_CONTENT:Mixed_Case::STRING`, `s._CDC_CONTENT:_1st::`, `s._CDC_CONTENT:"order"::`} {
			if !strings.Contains(types, want) {
				t.Errorf("alltypes merge lacks case-exact path %s", want)
			}
		}
	})
	t.Run("4 key fields from RECORD_METADATA:key, cast, never the whole object", func(t *testing.T) {
		check(t, merges, hasNot("RECORD_METADATA:key AS"), "joins on the key object")
		check(t, merges, hasNot("RECORD_METADATA:key)"), "uses the key object")
		if !strings.Contains(merges["tpcc.customer/merge"], "RECORD_METADATA:key:c_w_id::NUMBER(38,0) AS C_W_ID") {
			t.Error("customer merge does not extract key field c_w_id")
		}
		if !strings.Contains(merges["tpcc.customer/merge"], "ON t.C_ID = s.C_ID AND t.C_D_ID = s.C_D_ID AND t.C_W_ID = s.C_W_ID") {
			t.Error("customer merge does not join on all three key columns")
		}
	})
	t.Run("5 and 6 one row per key, latest offset first", func(t *testing.T) {
		check(t, merges, has("RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET"), "no offset")
		check(t, merges, regexp.MustCompile(`QUALIFY ROW_NUMBER\(\) OVER \(PARTITION BY [^)]+ ORDER BY _CDC_OFFSET DESC\) = 1`).MatchString, "no dedup by key on offset")
		check(t, merges, has("s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1)"), "no offset guard against replays")
	})
	t.Run("7 SYSTEM$STREAM_HAS_DATA names the stream the task reads", func(t *testing.T) {
		re := regexp.MustCompile(`SYSTEM\$STREAM_HAS_DATA\('([^']+)'\)`)
		from := regexp.MustCompile(`FROM (\S+_STREAM)\n`)
		for k, sql := range tasks {
			m := re.FindStringSubmatch(sql)
			f := from.FindStringSubmatch(sql)
			if m == nil || f == nil || m[1] != f[1] {
				t.Errorf("%s: STREAM_HAS_DATA(%v) does not name the stream read (%v)", k, m, f)
			}
			stream := streams[strings.Replace(k, "/task", "/stream", 1)]
			if !strings.Contains(stream, "CREATE STREAM IF NOT EXISTS "+m[1]+"\n") {
				t.Errorf("%s: %s is not the stream created", k, m[1])
			}
		}
	})
	t.Run("8 13 nothing truncates; retention is not gated on STREAM_HAS_DATA", func(t *testing.T) {
		for k, sql := range all {
			if strings.Contains(strings.ToUpper(stripComments(sql)), "TRUNCATE") {
				t.Errorf("%s truncates", k)
			}
		}
		check(t, purges, hasNot("STREAM_HAS_DATA"), "purge gated on STREAM_HAS_DATA")
		check(t, purges, has("AND l.RECORD_METADATA:offset::NUMBER <= p._CDC_PURGE_TO"), "purge not limited to merged offsets")
	})
	t.Run("9 purge cannot race the merge", func(t *testing.T) {
		for k, sql := range purges {
			task := regexp.MustCompile(`AFTER (\S+)\nAS`).FindStringSubmatch(sql)
			if task == nil || !strings.Contains(tasks[strings.Replace(k, "/purge", "/task", 1)], "CREATE OR REPLACE TASK "+task[1]+"\n") {
				t.Errorf("%s: purge does not run after the merge task: %v", k, task)
			}
			if strings.Contains(sql, "SCHEDULE") {
				t.Errorf("%s: purge has its own schedule", k)
			}
		}
		check(t, tasks, has("ALLOW_OVERLAPPING_EXECUTION = FALSE"), "merge runs may overlap")
	})
	t.Run("10 append-only stream and INSERT rows only", func(t *testing.T) {
		check(t, streams, has("APPEND_ONLY = TRUE"), "stream not append-only")
		check(t, merges, has("WHERE METADATA$ACTION = 'INSERT'"), "merge does not filter METADATA$ACTION")
	})
	t.Run("11 tasks are resumed and EXECUTE TASK is granted", func(t *testing.T) {
		for k, sql := range all {
			for _, m := range regexp.MustCompile(`CREATE OR REPLACE TASK (\S+)\n`).FindAllStringSubmatch(sql, -1) {
				if !strings.Contains(sql, "ALTER TASK "+m[1]+" RESUME;") {
					t.Errorf("%s: task %s never resumed", k, m[1])
				}
			}
		}
		for k, sql := range byKind(all, "grants") {
			if !strings.Contains(sql, "GRANT EXECUTE TASK ON ACCOUNT TO ROLE") {
				t.Errorf("%s: no EXECUTE TASK grant", k)
			}
		}
		for k, sql := range purges {
			child := strings.Index(sql, "ALTER TASK CDC_DB.REPLICA.PURGE_")
			root := strings.LastIndex(sql, "ALTER TASK CDC_DB.REPLICA.MERGE_")
			if child < 0 || root < 0 || child > root || !strings.Contains(sql[root:], "RESUME;") {
				t.Errorf("%s: the child task is not resumed before the root", k)
			}
		}
	})
	t.Run("12 typed columns from strings, numbers and base64", func(t *testing.T) {
		sql := merges["test.alltypes/merge"]
		for _, want := range []string{
			"C_DECIMAL = s._CDC_CONTENT:c_decimal::NUMBER(10,2)",
			"C_DATE = TRY_TO_DATE(s._CDC_CONTENT:c_date::STRING, 'YYYY-MM-DD')",
			"C_DATETIME6 = TRY_TO_TIMESTAMP_NTZ(s._CDC_CONTENT:c_datetime6::STRING, 'AUTO')",
			"C_TIMESTAMP = TRY_TO_TIMESTAMP_TZ(REPLACE(s._CDC_CONTENT:c_timestamp::STRING, ' ', 'T') || '+00:00', 'AUTO')",
			"C_BLOB = BASE64_DECODE_BINARY(s._CDC_CONTENT:c_blob::STRING)",
			"C_JSON = PARSE_JSON(s._CDC_CONTENT:c_json::STRING)",
			"C_BIGINT_U = (s._CDC_CONTENT:c_bigint_u::NUMBER(20,0) + IFF(s._CDC_CONTENT:c_bigint_u::NUMBER(20,0) < 0, 18446744073709551616, 0))::NUMBER(20,0)",
		} {
			if !strings.Contains(sql, want) {
				t.Errorf("alltypes merge lacks %s", want)
			}
		}
	})
	t.Run("14 keys come from each message, not from a stable row identity", func(t *testing.T) {
		// A primary-key change arrives as a tombstone for the old key and an
		// insert for the new one; both are separate keys of the batch.
		check(t, merges, hasNot("RECORD_CONTENT:"), "key or row identity taken from the value")
	})
}

// stripComments drops "--" comment lines, leaving the statements.
func stripComments(sql string) string {
	var b strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
