package playground

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"

	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"
)

// savedSchema is one registered schema in the playground's registry file.
type savedSchema struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
	ID      int    `json:"id"`
	Schema  string `json:"schema"`
}

// loadRegistry seeds reg with the schemas saved in path (if it exists), so
// a resumed playground keeps its schema ids and old messages still decode.
func loadRegistry(reg *srfake.Registry, path string) (n int, err error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("registry state %s: %w", path, err)
	}
	var saved []savedSchema
	if err := json.Unmarshal(b, &saved); err != nil {
		return 0, fmt.Errorf("registry state %s: %w", path, err)
	}
	defer func() { // SeedSchema panics on a conflicting or invalid entry
		if r := recover(); r != nil {
			err = fmt.Errorf("registry state %s: %v", path, r)
		}
	}()
	for _, s := range saved {
		reg.SeedSchema(s.Subject, s.Version, s.ID, sr.Schema{Schema: s.Schema, Type: sr.TypeAvro})
	}
	return len(saved), nil
}

// saveRegistry writes every schema of reg to path.
func saveRegistry(reg *srfake.Registry, path string) error {
	var subjects []string
	if err := getJSON(reg.Handler(), "/subjects", &subjects); err != nil {
		return err
	}
	sort.Strings(subjects)
	var saved []savedSchema
	for _, sub := range subjects {
		var versions []int
		if err := getJSON(reg.Handler(), "/subjects/"+url.PathEscape(sub)+"/versions", &versions); err != nil {
			return err
		}
		for _, v := range versions {
			s, ok := reg.GetSchema(sub, v)
			if !ok {
				continue
			}
			saved = append(saved, savedSchema{Subject: sub, Version: v, ID: s.ID, Schema: s.Schema.Schema})
		}
	}
	b, err := json.MarshalIndent(saved, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("save registry state: %w", err)
	}
	return os.Rename(tmp, path)
}

func getJSON(h http.Handler, path string, v any) error {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		return fmt.Errorf("registry GET %s: HTTP %d", path, rec.Code)
	}
	return json.Unmarshal(rec.Body.Bytes(), v)
}

// RegistryHandler serves reg's Confluent REST API plus the root probe that
// TiCDC and cdcctl send at start-up (GET / → {}), as a real registry
// answers it.
func RegistryHandler(reg *srfake.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.schemaregistry.v1+json")
		_, _ = w.Write([]byte("{}"))
	})
	mux.Handle("/", reg.Handler())
	return mux
}
