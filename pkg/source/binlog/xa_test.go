package binlog

import "testing"

func TestXAStatement(t *testing.T) {
	tests := []struct {
		q, verb, key string
		ok           bool
	}{
		{"XA END X'7831',X'',1", "END", "X'7831',X'',1", true},
		{"XA COMMIT X'6f32',X'62',7", "COMMIT", "X'6f32',X'62',7", true},
		{"xa commit X'6f32',X'62',7 one phase", "COMMIT", "X'6f32',X'62',7", true},
		{"XA ROLLBACK X'7231',X'',1", "ROLLBACK", "X'7231',X'',1", true},
		{"XA START X'61',X'',1", "START", "X'61',X'',1", true},
		{"XAVIER", "", "", false},
		{"INSERT INTO xa VALUES (1)", "", "", false},
	}
	for _, tt := range tests {
		verb, key, ok := xaStatement(tt.q)
		if verb != tt.verb || key != tt.key || ok != tt.ok {
			t.Errorf("xaStatement(%q) = %q, %q, %t; want %q, %q, %t", tt.q, verb, key, ok, tt.verb, tt.key, tt.ok)
		}
	}
}
