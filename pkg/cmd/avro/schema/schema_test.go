package schema

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		want    Options
		wantErr string
	}{
		{"defaults", "--ddl a.sql --table db.t",
			Options{DDLFile: "a.sql", Table: "db.t", Topic: DefaultTopic, DecimalMode: "precise", BigintUnsignedMode: "long", Format: output.Table}, ""},
		{"all flags", "--ddl - --table db.t --topic x.y --decimal-mode string --bigint-unsigned-mode string --enable-tidb-extension -o json",
			Options{DDLFile: "-", Table: "db.t", Topic: "x.y", DecimalMode: "string", BigintUnsignedMode: "string", EnableTiDBExtension: true, Format: output.JSON}, ""},
		{"missing ddl", "--table db.t", Options{}, "--ddl is required"},
		{"missing table", "--ddl a.sql", Options{}, "--table is required"},
		{"bad decimal mode", "--ddl a.sql --table db.t --decimal-mode exact", Options{}, `avro-decimal-handling-mode value could only be "string" or "precise"`},
		{"bad bigint mode", "--ddl a.sql --table db.t --bigint-unsigned-mode int", Options{}, `avro-bigint-unsigned-handling-mode value could only be "long" or "string"`},
		{"topic rule without table", "--ddl a.sql --table db.t --topic {schema}_x", Options{}, "topic rule for Avro must contain {schema} and {table}"},
		{"positional argument", "--ddl a.sql --table db.t extra", Options{}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdSchema(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				var fe *cmderr.FlagError
				if !errors.As(err, &fe) && tt.name != "positional argument" {
					t.Errorf("error %T is not a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO = nil
			if *got != tt.want {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

const testDDL = `CREATE DATABASE shop;
USE shop;
CREATE TABLE orders (id BIGINT UNSIGNED PRIMARY KEY, amount DECIMAL(10,2) NOT NULL, note VARCHAR(20) DEFAULT 'n/a');
CREATE TABLE nokey (a INT);`

const (
	keySchema   = `{"type":"record","name":"orders","namespace":"default.shop","fields":[{"name":"id","type":{"type":"long","connect.parameters":{"tidb_type":"BIGINT UNSIGNED"}}}]}`
	valueSchema = `{"type":"record","name":"orders","namespace":"default.shop","fields":[` +
		`{"name":"id","type":{"type":"long","connect.parameters":{"tidb_type":"BIGINT UNSIGNED"}}},` +
		`{"name":"amount","type":{"type":"bytes","connect.parameters":{"tidb_type":"DECIMAL"},"logicalType":"decimal","precision":10,"scale":2}},` +
		`{"default":"n/a","name":"note","type":[{"type":"string","connect.parameters":{"tidb_type":"TEXT"}},"null"]}]}`
)

func writeDDL(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "schema.sql")
	if err := os.WriteFile(path, []byte(testDDL), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunFormats(t *testing.T) {
	jsonEsc := func(s string) string { return strings.ReplaceAll(s, `"`, `\"`) }
	tests := []struct {
		format output.Format
		want   string
	}{
		{output.Table, "tidb_shop_orders-key\n" + keySchema + "\ntidb_shop_orders-value\n" + valueSchema + "\n"},
		{output.JSON, "{\n" +
			`  "table": "shop.orders",` + "\n" +
			`  "topic": "tidb_shop_orders",` + "\n" +
			`  "key_subject": "tidb_shop_orders-key",` + "\n" +
			`  "key_schema": "` + jsonEsc(keySchema) + `",` + "\n" +
			`  "value_subject": "tidb_shop_orders-value",` + "\n" +
			`  "value_schema": "` + jsonEsc(valueSchema) + `"` + "\n}\n"},
		{output.YAML, "table: shop.orders\ntopic: tidb_shop_orders\nkey_subject: tidb_shop_orders-key\n" +
			"key_schema: '" + keySchema + "'\nvalue_subject: tidb_shop_orders-value\nvalue_schema: '" + valueSchema + "'\n"},
	}
	path := writeDDL(t)
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			err := run(&Options{IO: ios, DDLFile: path, Table: "SHOP.orders", Topic: DefaultTopic,
				DecimalMode: "precise", BigintUnsignedMode: "long", Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("output\n got %s\nwant %s", out.String(), tt.want)
			}
		})
	}
}

func TestRunStdinAndModes(t *testing.T) {
	ios, in, out, _ := iostreams.Test()
	in.WriteString(testDDL)
	err := run(&Options{IO: ios, DDLFile: "-", Table: "shop.orders", Topic: "cdc.{schema}.{table}",
		DecimalMode: "string", BigintUnsignedMode: "string", EnableTiDBExtension: true, Format: output.Table})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 4 || lines[0] != "cdc_shop_orders-key" || lines[2] != "cdc_shop_orders-value" {
		t.Fatalf("output %q", out.String())
	}
	for _, want := range []string{`"type":"string","connect.parameters":{"tidb_type":"BIGINT UNSIGNED"}`,
		`{"name":"amount","type":{"type":"string","connect.parameters":{"tidb_type":"DECIMAL"}}}`,
		`{"default":0,"name":"_tidb_commit_physical_time","type":"long"}]}`} {
		if !strings.Contains(lines[3], want) {
			t.Errorf("value schema %s lacks %s", lines[3], want)
		}
	}
}

func TestRunErrors(t *testing.T) {
	path := writeDDL(t)
	bad := filepath.Join(t.TempDir(), "bad.sql")
	if err := os.WriteFile(bad, []byte("CREATE TABLE db.t (a INT); DROP TABLE db.t;"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, table string
		wantErr           string
		class             any
	}{
		{"missing file", filepath.Join(t.TempDir(), "nope.sql"), "shop.orders", "read DDL", &cmderr.InvalidInputError{}},
		{"unsupported statement", bad, "db.t", "DROP TABLE db.t", &cmderr.InvalidInputError{}},
		{"unknown table", path, "shop.order", `table "shop.order" not found; defined: shop.nokey, shop.orders`, &cmderr.NotFoundError{}},
		{"table without key", path, "shop.nokey", "table shop.nokey has no primary key", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			err := run(&Options{IO: ios, DDLFile: tt.file, Table: tt.table, Topic: DefaultTopic, Format: output.Table})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			switch tt.class.(type) {
			case *cmderr.InvalidInputError:
				var e *cmderr.InvalidInputError
				if !errors.As(err, &e) {
					t.Errorf("error %T is not invalid input", err)
				}
			case *cmderr.NotFoundError:
				var e *cmderr.NotFoundError
				if !errors.As(err, &e) {
					t.Errorf("error %T is not not-found", err)
				}
			}
			if out.Len() != 0 {
				t.Errorf("printed %q on error", out.String())
			}
		})
	}
}
