package server

import (
	"net/http"

	"github.com/cdcctl/cdcctl/pkg/api"
)

func (s *server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.engine.Health(r.Context()); err != nil {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, api.EmptyResponse{})
}

func (s *server) serverStatus(w http.ResponseWriter, r *http.Request) {
	st, err := s.engine.ServerStatus(r.Context())
	if err != nil {
		s.writeError(w, err)
		return
	}
	s.writeIndentedJSON(w, st)
}

func (s *server) captures(w http.ResponseWriter, r *http.Request) {
	caps, err := s.engine.Captures(r.Context())
	if err != nil {
		s.writeError(w, err)
		return
	}
	if caps == nil {
		caps = []api.Capture{}
	}
	s.writeJSON(w, api.ListResponse[api.Capture]{Total: len(caps), Items: caps})
}
