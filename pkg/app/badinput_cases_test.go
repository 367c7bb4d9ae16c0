package app

import "net/http"

const (
	okSink = "kafka://127.0.0.1:9092/t?protocol=avro"
	okReg  = "http://127.0.0.1:8081"
)

// badFiles are the files the bad command lines read, by name.
func badFiles() map[string]string {
	return map[string]string{
		"syntax.toml":      "[sink\nprotocol = 'avro'\n",
		"unknown.toml":     "[sink]\nprotocl = 'avro'\n",
		"type.toml":        "case-sensitive = 'yes'\n",
		"rule.toml":        "[filter]\nrules = ['a.b.c']\n",
		"topic.toml":       "[sink]\ndispatchers = [{matcher = ['*.*'], topic = 'tidb_{bogus}'}]\n",
		"matcher.toml":     "[sink]\ndispatchers = [{matcher = ['a.b.c'], topic = 't'}]\n",
		"dispatchers.toml": "[sink]\ndispatchers = [{matcher = ['*.*'], topic = 'tidb_{schema}_{table}'}]\n",
		"kafka.toml":       "[sink.kafka-config]\npartition-num = 0\n",
		"empty.secret":     "\n",
		"pw.secret":        "hunter2\n",
		"ddl-syntax.sql":   "CREATE TABLE shop.t (id INT PRIMARY KEY,, name TEXT);\n",
		"ddl-empty.sql":    "",
		"ddl-ok.sql":       "CREATE TABLE shop.t (id INT PRIMARY KEY, name VARCHAR(20));\n",
		"ddl-nokey.sql":    "CREATE TABLE shop.nokey (a INT, b INT);\n",
		"ddl-notable.sql":  "INSERT INTO shop.t VALUES (1);\n",
		"ddl-type.sql":     "CREATE TABLE shop.g (id INT PRIMARY KEY, g GEOMETRY);\n",
		"config.yaml":      "log-level: info\nbogus-key: 1\n",
	}
}

// badCLIs are command lines that must fail without changing anything.
func badCLIs() []badCLI {
	create := func(extra ...string) []string {
		return append([]string{"changefeed", "create", "-c", "new-feed", "--schema-registry", okReg, "--no-confirm"}, extra...)
	}
	sink := func(uri string) []string { return create("--sink-uri", uri) }
	return []badCLI{
		// Sink URIs, refused offline by create (nothing is sent).
		{name: "sink: wrong scheme", args: sink("mysql://127.0.0.1:3306/t"), code: ExitUsage, wantErr: `sink-uri`},
		{name: "sink: unknown protocol", args: sink("kafka://127.0.0.1:9092/t?protocol=bogus"), code: ExitUsage, wantErr: `"protocol"`},
		{name: "sink: partition-num zero", args: sink(okSink + "&partition-num=0"), code: ExitUsage, wantErr: `sink-uri: parameter "partition-num": want a positive integer, got 0`},
		{name: "sink: partition-num not a number", args: sink(okSink + "&partition-num=x"), code: ExitUsage, wantErr: `"partition-num"`},
		{name: "sink: negative max-message-bytes", args: sink(okSink + "&max-message-bytes=-1"), code: ExitUsage, wantErr: `"max-message-bytes"`},
		{name: "sink: bad dial-timeout", args: sink(okSink + "&dial-timeout=soon"), code: ExitUsage, wantErr: `"dial-timeout"`},
		{name: "sink: no host", args: sink("kafka:///t?protocol=avro"), code: ExitUsage, wantErr: `sink-uri`},
		{name: "sink: port out of range", args: sink("kafka://127.0.0.1:99999/t?protocol=avro"), code: ExitUsage, wantErr: `99999`},
		{name: "sink: bad percent-encoding", args: sink("kafka://127.0.0.1:9092/t%zz?protocol=avro"), code: ExitUsage, wantErr: `sink-uri`},
		{name: "sink: bad sasl mechanism", args: sink(okSink + "&sasl-mechanism=rot13"), code: ExitUsage, wantErr: `"sasl-mechanism"`},
		{name: "sink: enable-tls not a bool", args: sink(okSink + "&enable-tls=maybe"), code: ExitUsage, wantErr: `"enable-tls"`},
		{name: "sink: bad decimal mode", args: sink(okSink + "&avro-decimal-handling-mode=float"), code: ExitUsage, wantErr: `"avro-decimal-handling-mode"`},
		{name: "sink: bad bigint mode", args: sink(okSink + "&avro-bigint-unsigned-handling-mode=int"), code: ExitUsage, wantErr: `"avro-bigint-unsigned-handling-mode"`},
		{name: "sink: replication-factor zero", args: sink(okSink + "&replication-factor=0"), code: ExitUsage, wantErr: `"replication-factor"`},
		{name: "sink: avro without a registry", args: []string{"changefeed", "create", "-c", "new-feed", "--sink-uri", okSink, "--no-confirm"}, code: ExitUsage, wantErr: `schema-registry`},
		{name: "sink: validate, unknown scheme", args: []string{"changefeed", "validate", "--sink-uri", "pulsar://h:6650/t"}, code: ExitUsage, wantErr: `sink-uri`},
		{name: "sink: update with a bad URI", args: []string{"changefeed", "update", "-c", "existing", "--sink-uri", okSink + "&partition-num=-3", "--no-confirm"}, code: ExitUsage, wantErr: `"partition-num"`},

		// Config files.
		{name: "config: TOML syntax", args: create("--sink-uri", okSink, "--config", "@syntax.toml"), code: ExitUsage, wantErr: `syntax.toml`},
		{name: "config: unknown key", args: create("--sink-uri", okSink, "--config", "@unknown.toml"), code: ExitUsage, wantErr: `protocl`},
		{name: "config: wrong type", args: create("--sink-uri", okSink, "--config", "@type.toml"), code: ExitUsage, wantErr: `case-sensitive`},
		{name: "config: bad filter rule", args: create("--sink-uri", okSink, "--config", "@rule.toml"), code: ExitUsage, wantErr: `a.b.c`},
		{name: "config: bad topic expression", args: create("--sink-uri", okSink, "--config", "@topic.toml"), code: ExitUsage, wantErr: `tidb_{bogus}`},
		{name: "config: bad dispatcher matcher", args: create("--sink-uri", okSink, "--config", "@matcher.toml"), code: ExitUsage, wantErr: `sink.dispatchers[0].matcher[0] "a.b.c": syntax error`},
		{name: "config: dispatchers with the preset", args: create("--sink-uri", okSink, "--config", "@dispatchers.toml", "--dispatch-preset", "confluent"), code: ExitUsage, wantErr: `dispatch`},
		{name: "config: bad kafka-config", args: create("--sink-uri", okSink, "--config", "@kafka.toml"), code: ExitUsage, wantErr: `sink.kafka-config: parameter "partition-num": want a positive integer, got 0`},
		{name: "config: missing file", args: create("--sink-uri", okSink, "--config", "@nope.toml"), code: ExitUsage, wantErr: `nope.toml`},
		{name: "config: validate, unknown key", args: []string{"changefeed", "validate", "--sink-uri", okSink, "--schema-registry", okReg, "--config", "@unknown.toml"}, code: ExitUsage, wantErr: `protocl`},
		{name: "config: cdcctl config file with an unknown key", args: []string{"--config", "@config.yaml", "version"}, code: ExitUsage, wantErr: `unknown keys: bogus-key`},

		// Flags.
		{name: "flags: create without a sink", args: []string{"changefeed", "create", "-c", "new-feed"}, code: ExitUsage, wantErr: `--sink-uri`},
		{name: "flags: bad changefeed ID", args: create("--sink-uri", okSink, "-c", "Bad ID!"), code: ExitUsage, wantErr: `Bad ID!`},
		{name: "flags: bad snapshot mode", args: create("--sink-uri", okSink, "--snapshot", "sometimes"), code: ExitUsage, wantErr: `sometimes`},
		{name: "flags: bad start position", args: create("--sink-uri", okSink, "--start-position", "yesterday"), code: ExitUsage, wantErr: `yesterday`},
		{name: "flags: missing password file", args: create("--sink-uri", okSink, "--sasl-user", "k", "--sasl-password-file", "@nope.secret"), code: ExitUsage, wantErr: `nope.secret`},
		{name: "flags: empty password file", args: create("--sink-uri", okSink, "--sasl-user", "k", "--sasl-password-file", "@empty.secret"), code: ExitUsage, wantErr: `is empty`},
		{name: "flags: registry password without user", args: create("--sink-uri", okSink, "--schema-registry-password-file", "@pw.secret"), code: ExitUsage, wantErr: `--schema-registry-password-file needs --schema-registry-user`},
		{name: "flags: bad dispatch preset", args: create("--sink-uri", okSink, "--dispatch-preset", "aws"), code: ExitUsage, wantErr: `aws`},
		{name: "flags: bad output format", args: []string{"changefeed", "list", "-o", "xml"}, code: ExitUsage, wantErr: `"xml"`},
		{name: "flags: server address", args: []string{"changefeed", "list", "--server", "ftp://x"}, code: ExitUsage, wantErr: `ftp://x`},
		{name: "flags: server memory limit", args: []string{"server", "--memory-limit", "1KiB"}, code: ExitUsage, wantErr: `--memory-limit: want at least 64KiB, got "1KiB"`},
		{name: "flags: server checkpoint interval", args: []string{"server", "--checkpoint-interval", "0s"}, code: ExitUsage, wantErr: `--checkpoint-interval: want a positive duration, got 0s`},
		{name: "flags: check upstream scheme", args: []string{"check", "upstream", "--upstream", "postgres://h:5432"}, code: ExitUsage, wantErr: `upstream: want mysql://user:password@host:port`},
		{name: "flags: tail without topics", args: []string{"tail", "--brokers", "127.0.0.1:9092", "--registry", okReg}, code: ExitUsage, wantErr: `--topic`},
		{name: "flags: playground component", args: []string{"playground", "--components", "mysql,zookeeper"}, code: ExitUsage, wantErr: `zookeeper`},
		{name: "flags: resume with a bad ts", args: []string{"changefeed", "resume", "-c", "existing", "--overwrite-checkpoint-ts", "tomorrow", "--no-confirm"}, code: ExitUsage, wantErr: `tomorrow`},
		{name: "flags: query unknown changefeed", args: []string{"changefeed", "query", "-c", "nobody"}, code: ExitNotFound, wantErr: `nobody`},
		{name: "flags: pause unknown changefeed", args: []string{"changefeed", "pause", "-c", "nobody"}, code: ExitNotFound, wantErr: `nobody`},
		{name: "flags: remove unknown changefeed", args: []string{"changefeed", "remove", "-c", "nobody"}, code: ExitNotFound, wantErr: `nobody`,
			stdout: "Changefeed not found.\nID: nobody\n"}, // TiCDC's text, then the error
		{name: "flags: create an existing changefeed", args: create("--sink-uri", okSink, "-c", "existing"), code: ExitUsage, wantErr: `existing`},

		// DDL files of the generators.
		{name: "ddl: syntax error", args: []string{"avro", "schema", "--ddl", "@ddl-syntax.sql", "--table", "shop.t"}, code: ExitUsage, wantErr: `ddl-syntax.sql`},
		{name: "ddl: empty file", args: []string{"avro", "schema", "--ddl", "@ddl-empty.sql", "--table", "shop.t"}, code: ExitNotFound, wantErr: `ddl-empty.sql: table "shop.t" not found; defined: (none)`},
		{name: "ddl: table not in the file", args: []string{"avro", "schema", "--ddl", "@ddl-ok.sql", "--table", "shop.other"}, code: ExitNotFound, wantErr: `shop.other`},
		{name: "ddl: no CREATE TABLE", args: []string{"ksqldb", "gen", "--ddl", "@ddl-notable.sql", "--table", "shop.t"}, code: ExitUsage, wantErr: `ddl-notable.sql`},
		{name: "ddl: missing file", args: []string{"snowflake", "gen-merge", "--ddl", "@nope.sql", "--table", "shop.t"}, code: ExitUsage, wantErr: `nope.sql`},
		{name: "ddl: table without a key", args: []string{"snowflake", "gen-merge", "--ddl", "@ddl-nokey.sql", "--table", "shop.nokey"}, code: ExitUsage, wantErr: `shop.nokey`},
		{name: "ddl: unsupported type", args: []string{"avro", "schema", "--ddl", "@ddl-type.sql", "--table", "shop.g"}, code: ExitUsage, wantErr: `ddl-type.sql: parse DDL: line 1`},
	}
}

// badAPIs are requests the server must refuse without changing anything;
// statuses and codes are TiCDC's (spec ticdc.md §5.5).
func badAPIs() []badAPI {
	const cf = "/api/v2/changefeeds"
	// body is a create request with a registry, so that only the named
	// part is wrong.
	body := func(fields string) string {
		return `{"changefeed_id":"new-feed","sink_uri":"` + okSink + `","replica_config":{"sink":{"schema_registry":"` + okReg + `"}}` + fields + `}`
	}
	return []badAPI{
		{name: "body: not JSON", method: http.MethodPost, path: cf, body: `{"sink_uri":`, status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "unexpected EOF"},
		{name: "body: wrong type", method: http.MethodPost, path: cf, body: `{"sink_uri": 7}`, status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "sink_uri"},
		{name: "body: field of the wrong type", method: http.MethodPost, path: cf, body: body(`,"start_ts":"soon"`), status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "start_ts"},
		{name: "body: no sink", method: http.MethodPost, path: cf, body: `{"changefeed_id":"new-feed"}`, status: 400, code: "CDC:ErrSinkURIInvalid", wantErr: "sink_uri is empty"},
		{name: "body: bad sink parameter", method: http.MethodPost, path: cf, body: `{"changefeed_id":"new-feed","sink_uri":"` + okSink + `&partition-num=0"}`, status: 400, code: "CDC:ErrSinkURIInvalid", wantErr: `"partition-num"`},
		{name: "body: bad ID", method: http.MethodPost, path: cf, body: `{"changefeed_id":"Bad ID!","sink_uri":"` + okSink + `"}`, status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "Bad ID!"},
		{name: "body: bad namespace", method: http.MethodPost, path: cf, body: `{"namespace":"a b","changefeed_id":"new-feed","sink_uri":"` + okSink + `"}`, status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "a b"},
		{name: "body: target before start", method: http.MethodPost, path: cf, body: body(`,"start_ts":10,"target_ts":5`), status: 400, code: "CDC:ErrTargetTsBeforeStartTs", wantErr: "5"},
		{name: "body: bad start position", method: http.MethodPost, path: cf, body: body(`,"start_position":"yesterday"`), status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "yesterday"},
		{name: "body: bad snapshot", method: http.MethodPost, path: cf, body: body(`,"snapshot":"sometimes"`), status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "sometimes"},
		{name: "body: avro without a registry", method: http.MethodPost, path: cf, body: `{"changefeed_id":"new-feed","sink_uri":"` + okSink + `"}`, status: 500, code: "CDC:ErrSinkInvalidConfig", wantErr: `requires parameter "schema-registry"`},
		{name: "body: bad filter rule", method: http.MethodPost, path: cf, body: `{"changefeed_id":"new-feed","sink_uri":"` + okSink + `","replica_config":{"filter":{"rules":["a.b.c"]},"sink":{"schema_registry":"` + okReg + `"}}}`,
			status: 400, code: "CDC:ErrFilterRuleInvalid", wantErr: `filter.rules[0] "a.b.c"`},
		{name: "body: bad upstream", method: http.MethodPost, path: cf, body: body(`,"upstream":"postgres://h:5432"`), status: 400, code: "CDC:ErrMySQLInvalidConfig", wantErr: "upstream: want mysql://"},
		{name: "body: existing ID", method: http.MethodPost, path: cf, body: `{"changefeed_id":"existing","sink_uri":"` + okSink + `","replica_config":{"sink":{"schema_registry":"` + okReg + `"}}}`,
			status: 500, code: "CDC:ErrChangeFeedAlreadyExists", wantErr: "existing"},
		{name: "update: bad sink", method: http.MethodPut, path: cf + "/existing", body: `{"sink_uri":"` + okSink + `&partition-num=x"}`, status: 400, code: "CDC:ErrSinkURIInvalid", wantErr: `"partition-num"`},
		{name: "update: unknown changefeed", method: http.MethodPut, path: cf + "/nobody", body: `{"target_ts":5}`, status: 400, code: "CDC:ErrChangeFeedNotExists", wantErr: "nobody"},
		{name: "update: bad ID in path", method: http.MethodPut, path: cf + "/Bad_ID", body: `{"target_ts":5}`, status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "Bad_ID"},
		{name: "resume: bad body", method: http.MethodPost, path: cf + "/existing/resume", body: `{"overwrite_checkpoint_ts":"x"}`, status: 400, code: "CDC:ErrAPIInvalidParam", wantErr: "overwrite_checkpoint_ts"},
		{name: "pause: unknown changefeed", method: http.MethodPost, path: cf + "/nobody/pause", status: 400, code: "CDC:ErrChangeFeedNotExists", wantErr: "nobody"},
	}
}
