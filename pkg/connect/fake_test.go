package connect_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeConnect serves the parts of the Kafka Connect REST API (prefix "")
// or the Confluent Cloud Connect API (prefix
// "/connect/v1/environments/env-1/clusters/lkc-1") that the clients use,
// keeping connectors in memory and checking Basic credentials.
type fakeConnect struct {
	t          *testing.T
	prefix     string
	user, pass string
	cloud      bool

	mu         sync.Mutex
	connectors map[string]map[string]string
	requests   []string
	// fail, when set, answers every request with this status and body.
	failStatus int
	failBody   string
}

func newFake(t *testing.T, cloud bool) (*fakeConnect, *httptest.Server) {
	f := &fakeConnect{t: t, user: "u", pass: "p4ssw0rd", cloud: cloud, connectors: map[string]map[string]string{}}
	if cloud {
		f.prefix = "/connect/v1/environments/env-1/clusters/lkc-1"
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeConnect) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.EscapedPath())
	w.Header().Set("Content-Type", "application/json")
	if f.failStatus != 0 {
		w.WriteHeader(f.failStatus)
		fmt.Fprint(w, f.failBody)
		return
	}
	if u, p, ok := r.BasicAuth(); !ok || u != f.user || p != f.pass {
		f.error(w, http.StatusUnauthorized, "unauthorized")
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, f.prefix)
	if !ok {
		f.error(w, http.StatusNotFound, "no such path "+r.URL.Path)
		return
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "connectors":
		cfg, ok := f.connectors[parts[1]]
		if !ok {
			f.error(w, http.StatusNotFound, "Connector "+parts[1]+" not found")
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"name": parts[1], "config": cfg})
	case r.Method == http.MethodPut && len(parts) == 3 && parts[0] == "connectors" && parts[2] == "config":
		var cfg map[string]string
		if err := json.NewDecoder(r.Body).Decode(&cfg); err != nil || r.Header.Get("Content-Type") != "application/json" {
			f.error(w, http.StatusBadRequest, "bad body")
			return
		}
		_, exists := f.connectors[parts[1]]
		f.connectors[parts[1]] = cfg
		if !exists && !f.cloud {
			w.WriteHeader(http.StatusCreated)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"name": parts[1], "config": cfg})
	case r.Method == http.MethodPut && len(parts) == 4 && parts[0] == "connector-plugins" && parts[3] == "validate":
		var cfg map[string]string
		_ = json.NewDecoder(r.Body).Decode(&cfg)
		type value struct {
			Name   string   `json:"name"`
			Value  string   `json:"value"`
			Errors []string `json:"errors"`
		}
		var configs []map[string]any
		count := 0
		for _, k := range []string{"topics", "snowflake.private.key", "snowflake.role.name"} {
			v := value{Name: k, Value: cfg[k], Errors: []string{}}
			if cfg[k] == "" {
				v.Errors = append(v.Errors, "Missing required configuration \""+k+"\" which has no default value.")
				count++
			}
			configs = append(configs, map[string]any{"definition": map[string]any{"name": k}, "value": v})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"name": parts[1], "error_count": count, "groups": []string{"Common"}, "configs": configs})
	default:
		f.error(w, http.StatusNotFound, "no route "+r.Method+" "+r.URL.Path)
	}
}

func (f *fakeConnect) error(w http.ResponseWriter, status int, msg string) {
	w.WriteHeader(status)
	if f.cloud {
		_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]string{{"status": fmt.Sprint(status), "detail": msg}}})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"error_code": status, "message": msg})
}
