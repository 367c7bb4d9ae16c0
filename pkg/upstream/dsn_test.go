package upstream

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    Upstream
		wantStr string
		wantErr string
	}{
		{"mysql://root@127.0.0.1:3307", Upstream{User: "root", Addr: "127.0.0.1:3307"}, "mysql://root@127.0.0.1:3307", ""},
		{"mysql://cdc:p%40ss%3Aw0rd@db.example:3306/?tls=true", Upstream{User: "cdc", Password: "p@ss:w0rd", Addr: "db.example:3306", TLS: "true"}, "mysql://cdc:xxxxx@db.example:3306?tls=true", ""},
		{"mysql://u:pw@db.example", Upstream{User: "u", Password: "pw", Addr: "db.example:3306"}, "mysql://u:xxxxx@db.example:3306", ""},
		{"u:s3cret@tcp(10.0.0.1:3306)/", Upstream{User: "u", Password: "s3cret", Addr: "10.0.0.1:3306"}, "mysql://u:xxxxx@10.0.0.1:3306", ""},
		{"mysql://:s3cret@h:1", Upstream{}, "", "no user"},
		{"mysql://u:s3cret@h:1?charset=x", Upstream{}, "", `unknown parameter "charset"`},
		{"mysql://u:s3cret@h:1?tls=maybe", Upstream{}, "", `tls must be true, false, skip-verify or preferred, got "maybe"`},
		{"u:s3cret@unix(/tmp/sock)/", Upstream{}, "", "only tcp connections"},
		{"not a dsn at all s3cret", Upstream{}, "", "the value given is neither"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Fatalf("error leaks the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if got.String() != tt.wantStr {
				t.Errorf("String() = %q, want %q", got.String(), tt.wantStr)
			}
		})
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"mysql://u:secret@h:1":    "mysql://u:xxxxx@h:1",
		"u:secret@tcp(h:1)/":      "u:xxxxx@tcp(h:1)/",
		"mysql://u@h:1":           "mysql://u@h:1",
		"no-at-sign":              "no-at-sign",
		"mysql://u:p@ss@word@h:1": "mysql://u:xxxxx@h:1",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}
