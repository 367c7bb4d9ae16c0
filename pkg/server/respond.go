package server

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
)

const contentTypeJSON = "application/json; charset=utf-8"

// writeJSON answers 200 with compact JSON, as TiCDC's c.JSON does.
func (s *server) writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.writeError(w, fmt.Errorf("encode answer: %w", err))
		return
	}
	s.write(w, http.StatusOK, b)
}

// writeIndentedJSON answers 200 with 4-space indented JSON (TiCDC's
// c.IndentedJSON, used by GET /status).
func (s *server) writeIndentedJSON(w http.ResponseWriter, v any) {
	b, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		s.writeError(w, fmt.Errorf("encode answer: %w", err))
		return
	}
	s.write(w, http.StatusOK, b)
}

// writeError answers err as TiCDC does: the status of its code and the
// body {"error_msg","error_code"} indented with 4 spaces.
func (s *server) writeError(w http.ResponseWriter, err error) {
	b, _ := json.MarshalIndent(api.BodyOf(err), "", "    ")
	s.write(w, api.StatusOf(err), b)
}

func (s *server) write(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", contentTypeJSON)
	w.WriteHeader(status)
	if _, err := w.Write(body); err != nil {
		s.log.Debug("write answer", "err", err)
	}
}

// decodeBody reads a JSON body into v; a missing or malformed body is
// CodeAPIInvalidParam (400).
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err := dec.Decode(v); err != nil {
		return api.ErrInvalidParam("invalid api parameter: %s", describeDecodeError(err))
	}
	return nil
}

func describeDecodeError(err error) string {
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return fmt.Sprintf("request body larger than %d bytes", maxErr.Limit)
	case err.Error() == "EOF":
		return "empty request body, want JSON"
	}
	return err.Error()
}

// changefeedID reads the {id} path value and the namespace query
// parameter, checking both as TiCDC does.
func changefeedID(r *http.Request) (api.ChangefeedID, error) {
	id := api.ChangefeedID{Namespace: namespace(r), ID: r.PathValue("id")}
	if err := api.CheckChangefeedID(id.ID); err != nil {
		return id, err
	}
	return id, api.CheckNamespace(id.Namespace)
}

// namespace returns the namespace query parameter, "default" when absent.
func namespace(r *http.Request) string {
	if ns := r.URL.Query().Get("namespace"); ns != "" {
		return ns
	}
	return api.DefaultNamespace
}

// authenticate requires the bearer token on mutating calls when one is set.
func (s *server) authenticate(next http.HandlerFunc) http.HandlerFunc {
	if s.opts.Token == "" {
		return next
	}
	want := []byte(s.opts.Token)
	return func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		switch {
		case !ok || got == "":
			s.writeError(w, api.Errorf(api.CodeCredentialNotFound,
				"credential not found: please pass the server token in an \"Authorization: Bearer\" header"))
		case subtle.ConstantTimeCompare([]byte(got), want) != 1:
			s.writeError(w, api.Errorf(api.CodeUnauthorized, "unauthorized: the bearer token does not match the server's"))
		default:
			next(w, r)
		}
	}
}

// checkReady answers 503 until the server is ready.
func (s *server) checkReady(next http.HandlerFunc) http.HandlerFunc {
	if s.opts.Ready == nil {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.opts.Ready() {
			s.writeError(w, api.ErrServerNotReady())
			return
		}
		next(w, r)
	}
}

// statusRecorder remembers the status a handler wrote, for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logRequests logs one line per request: never the body or the query.
func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.log.Info("api request", "method", r.Method, "path", r.URL.Path,
			"status", rec.status, "duration", time.Since(start))
	})
}
