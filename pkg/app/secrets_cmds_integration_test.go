//go:build integration

package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
)

// TestSecretsNeverLeak hands distinctive secrets (upstream, MySQL, SASL,
// registry and connector passwords and keys, a Snowflake private key, a
// server token) to every command outside the server and changefeed flow,
// through flags, files, URLs and the environment, on success and error
// paths, and searches all they print (stdout and stderr at debug level)
// for them in every encoding. The server, the changefeed commands, the
// API and /metrics are searched by pkg/e2e.
func TestSecretsNeverLeak(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	s := startSecretsStack(t)
	keyFile := filepath.Join(dir, "rsa_key.p8")
	keyBody := privateKey(t, keyFile)
	files := map[string]string{
		"kafka.secret": secKafkaAPI + "\n", "sr.secret": secSRAPI + "\n", "sql.secret": secSQLSrv + "\n",
		"pass.secret": secPass + "\n", "item.sql": secretsDDL + ";\n",
		"config.yaml": "upstream: " + s.upstream + "\nsasl-password: " + secSASL + "\nserver-token: " + secToken + "\nbogus: 1\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f := func(name string) string { return filepath.Join(dir, name) }
	r := newRunner(t, bin, filepath.Join(dir, "xdg"))
	// Every secret setting in the environment of every command.
	env := []string{"CDCCTL_SASL_PASSWORD=" + secSASL, "CDCCTL_SCHEMA_REGISTRY=" + s.registry,
		"CDCCTL_KAFKA_API_SECRET=" + secKafkaAPI, "CDCCTL_SCHEMA_REGISTRY_API_SECRET=" + secSRAPI,
		"CDCCTL_SQLSERVER_PASSWORD=" + secSQLSrv, "CDCCTL_CLOUD_API_KEY=CLOUDKEY", "CDCCTL_CLOUD_API_SECRET=" + secCloud,
		"CDCCTL_CONNECT_USERNAME=connect-user", "CDCCTL_CONNECT_PASSWORD=" + secConnect, "CDCCTL_SERVER_TOKEN=" + secToken,
		"CDCCTL_UPSTREAM=" + s.upstream}
	wrongUp := strings.Replace(s.upstream, strings.SplitN(strings.TrimPrefix(s.upstream, "mysql://cdc_sec:"), "@", 2)[0], "Wr0ngPw-Vx3%3Aq", 1)
	from := "mysql://cdc_sec:" + strings.SplitN(strings.TrimPrefix(s.upstream, "mysql://cdc_sec:"), "@", 2)[0] + "@" + s.dbHost + "/shop"
	sinkWithSecret := "kafka://" + s.brokers + "/t?protocol=avro&sasl-mechanism=plain&sasl-user=u&sasl-password=" + strings.ReplaceAll(secSASL, "/", "%2F")
	snowflake := []string{"connector", "snowflake", "--ddl", f("item.sql"), "--table", "shop.item", "--snowflake-url", "xy12345.eu-west-1",
		"--snowflake-user", "U", "--snowflake-private-key-file", keyFile, "--snowflake-database", "D", "--snowflake-schema", "S",
		"--snowflake-role", "R"}
	selfManaged := append(append([]string(nil), snowflake...), "--self-managed", "--schema-registry", s.registry,
		"--schema-registry-api-key", "SRKEY", "--schema-registry-api-secret-file", f("sr.secret"))
	sqlserver := []string{"connector", "sqlserver", "--ddl", f("item.sql"), "--table", "shop.item", "--host", "sql.example.net",
		"--user", "cdc", "--password-file", f("sql.secret"), "--database", "shop"}
	type run struct {
		args     []string
		env      []string
		wantCode int // -1: any
	}
	runs := []run{
		{[]string{"version"}, nil, 0}, {[]string{"version", "-o", "json"}, nil, 0}, {[]string{"--help"}, nil, 0},
		{[]string{"help", "environment"}, nil, 0}, {[]string{"connector", "snowflake", "--help"}, nil, 0},
		{[]string{"--config", f("config.yaml"), "version"}, nil, 2}, // unknown key: the error must not echo the file

		{[]string{"check", "upstream", "--upstream", s.upstream, "-o", "json"}, nil, -1},
		{[]string{"check", "upstream"}, nil, -1}, // from CDCCTL_UPSTREAM
		{[]string{"check", "upstream", "--upstream", wrongUp, "--timeout", "5s"}, nil, 1},
		{[]string{"check", "upstream", "--upstream", "mysql://cdc_sec:" + secWrong + "@127.0.0.1:notaport"}, nil, 2},
		{[]string{"check", "upstream", "--upstream", "mysql://cdc_sec:Wr0ngPw-Vx3%3Aq@127.0.0.1:1", "--timeout", "3s", "-o", "yaml"}, nil, 1},

		{[]string{"avro", "schema", "--ddl", f("item.sql"), "--table", "shop.item", "-o", "json"}, nil, 0},
		{[]string{"snowflake", "gen-all", "--from", from, "--table", "shop.item", "--serverless"}, nil, 0},
		{[]string{"snowflake", "gen-merge", "--from-registry", s.registry, "--topic", "tidb_shop_item"}, nil, 0},
		{[]string{"snowflake", "gen-table", "--from", "mysql://cdc_sec@" + s.dbHost + "/shop", "--table", "shop.item"}, []string{"CDCCTL_MYSQL_PASSWORD=" + secMySQL}, 1},
		{[]string{"snowflake", "gen-stream", "--from", strings.Replace(from, "Up5tream", "Wr0ngPw", 1), "--table", "shop.item"}, nil, 1},
		{[]string{"ksqldb", "gen", "--from-registry", s.registry, "--topic", "tidb_shop_item", "-o", "yaml"}, nil, 0},
		{[]string{"ksqldb", "gen", "--from", from, "--table", "shop.item", "--columns", "explicit"}, nil, 0},
		{[]string{"ksqldb", "gen", "--from-registry", "http://sr-user:" + strings.ReplaceAll(secRegistry, "/", "%2F") + "@127.0.0.1:1", "--topic", "t"}, nil, 1},

		{append(append([]string(nil), snowflake...), "--kafka-api-key", "KAFKAKEY", "--kafka-api-secret-file", f("kafka.secret"), "-o", "json"), nil, 0},
		{append(append([]string(nil), snowflake...), "--kafka-api-key", "KAFKAKEY"), nil, 0}, // secret from the environment
		{append(append([]string(nil), snowflake...), "--kafka-api-key", "KAFKAKEY", "--out-dir", f("out")), nil, 0},
		{append(append([]string(nil), selfManaged...), "-o", "yaml"), nil, 0},
		{append(append([]string(nil), selfManaged...), "--apply", "--connect-url", s.connect), nil, 0},
		{append(append([]string(nil), selfManaged...), "--validate", "--connect-url", s.connect), nil, -1},
		{append(append([]string(nil), selfManaged...), "--apply", "--connect-url", s.connect), []string{"CDCCTL_CONNECT_PASSWORD=" + secWrong}, 1},
		{append(append([]string(nil), snowflake...), "--kafka-api-key", "KAFKAKEY", "--snowflake-private-key-passphrase-file", f("pass.secret")), nil, -1},
		{append(append([]string(nil), sqlserver...), "--kafka-api-key", "KAFKAKEY", "-o", "json"), nil, 0},
		{append(append([]string(nil), sqlserver[:len(sqlserver)-4]...), "--database", "shop", "--self-managed", "--schema-registry", s.registry,
			"--apply", "--connect-url", s.connect), nil, 0}, // password from the environment

		{[]string{"tail", "--brokers", s.brokers, "--registry", s.registry, "--topic", "tidb_shop_item", "--from-beginning", "--max-messages", "2", "-o", "json"}, nil, 0},
		{[]string{"tail", "--brokers", s.brokers, "--topic", "tidb_shop_item", "--from-beginning", "--max-messages", "2"}, nil, 0}, // registry from the environment
		{[]string{"tail", "--brokers", s.brokers, "--registry", "http://sr-user:" + strings.ReplaceAll(secRegistry, "/", "%2F") + "@127.0.0.1:1",
			"--topic", "tidb_shop_item", "--from-beginning", "--max-messages", "1"}, nil, -1},

		{[]string{"bench", "tpcc", "cleanup", "--upstream", s.upstream, "--db", "nothere"}, nil, -1},
		{[]string{"bench", "tpcc", "run", "--upstream", s.upstream, "--db", "nothere", "--count", "1"}, nil, -1},
		{[]string{"bench", "tpcc", "prepare", "--upstream", wrongUp, "--warehouses", "1"}, nil, 1},
		{[]string{"bench", "tpcc", "run", "-H", "127.0.0.1", "-P", strings.Split(s.dbHost, ":")[1], "-U", "cdc_sec", "-p", secWrong, "--count", "1"}, nil, 1},

		{[]string{"changefeed", "validate", "--sink-uri", sinkWithSecret, "--schema-registry", s.registry, "-o", "json"}, nil, 0},
		{[]string{"changefeed", "validate", "--sink-uri", sinkWithSecret, "--route", "shop.item", "--partitions", "3", "--columns", "id=1"}, nil, 0},
		{[]string{"changefeed", "validate", "--sink-uri", sinkWithSecret + "&partition-num=0", "--schema-registry", s.registry}, nil, 2},
		{[]string{"changefeed", "list", "--server", "http://127.0.0.1:1"}, nil, 1},
	}
	for _, rr := range runs {
		code := r.run(append(append([]string(nil), env...), rr.env...), rr.args...)
		if rr.wantCode >= 0 && code != rr.wantCode {
			last := r.outs[len(r.outs)-1]
			t.Errorf("%s: exit %d, want %d\n%s", r.outs[len(r.outs)-2].label, code, rr.wantCode, last.text)
		}
	}
	// The playground, with every secret in its environment, until
	// interrupted.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	var ports [2]string
	for i := range ports {
		p, err := mariadb.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = strconv.Itoa(p)
	}
	r.runCtx(ctx, env, "playground", "--components", "kafka,registry", "--data-dir", f("pg"), "--kafka-port", ports[0],
		"--registry-port", ports[1], "-o", "json")
	if out := r.outs[len(r.outs)-2].text; !strings.Contains(out, ports[0]) {
		t.Errorf("the playground did not print its endpoints: %q", out)
	}

	found := newSecretSet(keyBody, secUpstream, secWrong, secMySQL, secSASL, secRegistry, secKafkaAPI, secSRAPI, secPass,
		secSQLSrv, secCloud, secConnect, secToken).find(r.outs)
	var total int
	for _, o := range r.outs {
		total += len(o.text)
	}
	t.Logf("searched %d outputs of %d commands (%d bytes)", len(r.outs), len(r.outs)/2, total)
	if os.Getenv("SECRETS_DUMP") != "" {
		for _, o := range r.outs {
			t.Logf("== %s\n%s", o.label, o.text)
		}
	}
	slices.Sort(found)
	for _, leak := range found {
		t.Errorf("leak: %s", leak)
	}
}
