package sinkuri

import (
	"strings"
	"testing"
)

func TestParseRegistry(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		want     Registry
		str      string
		wantErr  string
		noSecret string
	}{
		{name: "plain", raw: "http://127.0.0.1:8081", want: Registry{URL: "http://127.0.0.1:8081"}, str: "http://127.0.0.1:8081"},
		{name: "trailing slash", raw: "http://127.0.0.1:8081/", want: Registry{URL: "http://127.0.0.1:8081"}, str: "http://127.0.0.1:8081"},
		{name: "confluent cloud encoded secret", raw: "https://KEY123:a%2Fb%2Bc%40d@psrc-1.us-east-2.aws.confluent.cloud",
			want: Registry{URL: "https://psrc-1.us-east-2.aws.confluent.cloud", Username: "KEY123", Password: "a/b+c@d"},
			str:  "https://KEY123:xxxxx@psrc-1.us-east-2.aws.confluent.cloud"},
		{name: "user without password", raw: "https://KEY@sr.example/path", want: Registry{URL: "https://sr.example/path", Username: "KEY"}, str: "https://KEY@sr.example/path"},
		{name: "ftp", raw: "ftp://sr", wantErr: `want an http:// or https:// URL, got "ftp://sr"`},
		{name: "ftp with secret", raw: "ftp://k:topsecret@sr", wantErr: `got "ftp://k:xxxxx@sr"`, noSecret: "topsecret"},
		{name: "no host", raw: "http://", wantErr: "want a URL with a host"},
		{name: "unencoded slash in secret", raw: "https://k:top/secret@sr", wantErr: "malformed URL (text withheld)", noSecret: "top"},
		{name: "unencoded at in secret still parses", raw: "https://k:top@secret@sr", want: Registry{URL: "https://sr", Username: "k", Password: "top@secret"}, str: "https://k:xxxxx@sr"},
		{name: "bad escape", raw: "https://k:top%zz@sr", wantErr: "malformed URL (text withheld)", noSecret: "top"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRegistry(tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if tt.noSecret != "" && strings.Contains(err.Error(), tt.noSecret) {
					t.Errorf("error leaks the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r != tt.want {
				t.Errorf("got %+v, want %+v", r, tt.want)
			}
			if r.String() != tt.str {
				t.Errorf("String() = %q, want %q", r.String(), tt.str)
			}
		})
	}
}

func TestMaskRegistryURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://k:s@h":      "https://k:xxxxx@h",
		"https://h:8081":     "https://h:8081",
		"https://k:a/b@h":    "<invalid url>",
		"http://h:80x":       "http://h:80x",
		"not a url at all %": "not a url at all %",
	} {
		if got := MaskRegistryURL(raw); got != want {
			t.Errorf("MaskRegistryURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
