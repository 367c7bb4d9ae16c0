package client_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeTiCDC serves the recorded TiCDC answers of testdata/ticdc and
// records the requests it got.
type fakeTiCDC struct {
	t *testing.T

	mu       sync.Mutex
	requests []recorded
}

type recorded struct {
	Method, Path, Query, Auth string
	Body                      map[string]any
}

// answer serves testdata/ticdc/<name>.<status>.json.
func (f *fakeTiCDC) answer(w http.ResponseWriter, file string) {
	f.t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "ticdc", file))
	if err != nil {
		f.t.Fatalf("fake TiCDC: %v", err)
	}
	parts := strings.Split(file, ".")
	status, _ := strconv.Atoi(parts[len(parts)-2])
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func (f *fakeTiCDC) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization")}
	if b, _ := io.ReadAll(r.Body); len(b) > 0 {
		if err := json.Unmarshal(b, &rec.Body); err != nil {
			f.t.Errorf("fake TiCDC: %s %s: body is not a JSON object: %s", r.Method, r.URL.Path, b)
		}
	}
	f.mu.Lock()
	f.requests = append(f.requests, rec)
	f.mu.Unlock()

	id, _ := rec.Body["changefeed_id"].(string)
	const cf = "/api/v2/changefeeds"
	switch route := r.Method + " " + r.URL.Path; route {
	case "GET /api/v2/health":
		f.answer(w, "empty.200.json")
	case "GET /api/v2/status":
		f.answer(w, "server_status.200.json")
	case "GET /api/v2/captures":
		f.answer(w, "captures.200.json")
	case "GET " + cf:
		f.answer(w, "list_changefeeds.200.json")
	case "POST " + cf:
		switch {
		case id == "kafka-avro" && rec.Auth == "":
			f.answer(w, "error_credential_not_found.401.json")
		case id == "kafka-avro":
			f.answer(w, "create_changefeed.200.json")
		case id == "exists":
			f.answer(w, "error_already_exists.500.json")
		case id == "leaky":
			// A server that echoes the raw sink URI in its error.
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"error_msg":"[CDC:ErrKafkaNewProducer]cannot connect with `+rec.Body["sink_uri"].(string)+`","error_code":"CDC:ErrKafkaNewProducer"}`)
		default:
			f.answer(w, "error_sink_uri_invalid.400.json")
		}
	case "GET " + cf + "/kafka-avro", "GET " + cf + "/paused-feed":
		f.answer(w, "get_changefeed.200.json")
	case "GET " + cf + "/nope", "POST " + cf + "/nope/pause", "POST " + cf + "/nope/resume", "GET " + cf + "/nope/status":
		f.answer(w, "error_not_exists.400.json")
	case "GET " + cf + "/bad_id":
		f.answer(w, "error_invalid_id.400.json")
	case "PUT " + cf + "/paused-feed":
		f.answer(w, "update_changefeed.200.json")
	case "PUT " + cf + "/kafka-avro":
		f.answer(w, "error_update_refused.400.json")
	case "DELETE " + cf + "/kafka-avro", "DELETE " + cf + "/nope",
		"POST " + cf + "/kafka-avro/pause", "POST " + cf + "/paused-feed/resume":
		f.answer(w, "empty.200.json")
	case "GET " + cf + "/retrying/status":
		f.answer(w, "changefeed_status.200.json")
	case "GET /api/v2/unready":
		f.answer(w, "error_not_ready.503.json")
	default:
		// gin's answer to an unknown route.
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "404 page not found")
	}
}

func (f *fakeTiCDC) last() recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[len(f.requests)-1]
}

func newFakeTiCDC(t *testing.T) (*fakeTiCDC, *httptest.Server) {
	f := &fakeTiCDC{t: t}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}
