package server

import (
	"net/http"
	"sort"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

func (s *server) createChangefeed(w http.ResponseWriter, r *http.Request) {
	var cfg api.ChangefeedConfig
	if err := decodeBody(w, r, &cfg); err != nil {
		s.writeError(w, err)
		return
	}
	if err := prepareCreate(&cfg); err != nil {
		s.writeError(w, err)
		return
	}
	info, err := s.engine.Create(r.Context(), &cfg)
	if err != nil {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, s.presentInfo(info))
}

// prepareCreate applies TiCDC's request rules before the engine sees the
// request (verifyCreateChangefeedConfig's first checks).
func prepareCreate(cfg *api.ChangefeedConfig) error {
	if cfg.SinkURI == "" {
		return api.ErrSinkURIInvalid("sink_uri is empty, cannot create a changefeed without sink_uri")
	}
	if cfg.ID == "" {
		id, err := api.NewChangefeedID()
		if err != nil {
			return err
		}
		cfg.ID = id
	}
	if err := api.CheckChangefeedID(cfg.ID); err != nil {
		return err
	}
	if cfg.Namespace == "" {
		cfg.Namespace = api.DefaultNamespace
	}
	if err := api.CheckNamespace(cfg.Namespace); err != nil {
		return err
	}
	if cfg.StartTs != 0 && cfg.TargetTs != 0 && cfg.TargetTs <= cfg.StartTs {
		return api.ErrTargetTsBeforeStartTs(cfg.TargetTs, cfg.StartTs)
	}
	if err := api.CheckStartPosition(cfg.StartPosition); err != nil {
		return api.ErrInvalidParam("%v", err)
	}
	if err := cfg.Snapshot.Check(); err != nil {
		return api.ErrInvalidParam("%v", err)
	}
	if cfg.ReplicaConfig == nil {
		cfg.ReplicaConfig = replicaconfig.Default()
	}
	return nil
}

func (s *server) listChangefeeds(w http.ResponseWriter, r *http.Request) {
	ns := namespace(r)
	if err := api.CheckNamespace(ns); err != nil {
		s.writeError(w, err)
		return
	}
	items, err := s.engine.List(r.Context(), ns, r.URL.Query().Get("state"))
	if err != nil {
		s.writeError(w, err)
		return
	}
	out := make([]api.ChangefeedCommonInfo, 0, len(items))
	for _, it := range items {
		out = append(out, s.presentCommon(it))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	s.writeJSON(w, api.ListResponse[api.ChangefeedCommonInfo]{Total: len(out), Items: out})
}

func (s *server) getChangefeed(w http.ResponseWriter, r *http.Request) {
	id, err := changefeedID(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	info, err := s.engine.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, s.presentInfo(info))
}

func (s *server) updateChangefeed(w http.ResponseWriter, r *http.Request) {
	id, err := changefeedID(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	old, err := s.engine.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, err)
		return
	}
	if !old.State.Updatable() {
		s.writeError(w, api.ErrUpdateRunning())
		return
	}
	var cfg api.ChangefeedConfig
	if err := decodeBody(w, r, &cfg); err != nil {
		s.writeError(w, err)
		return
	}
	if cfg.TargetTs != 0 && cfg.TargetTs <= old.StartTs {
		s.writeError(w, api.ErrUpdateRefused(
			"can not update target_ts:"+utoa(cfg.TargetTs)+" less than start_ts:"+utoa(old.StartTs)))
		return
	}
	info, err := s.engine.Update(r.Context(), id, &cfg)
	if err != nil {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, s.presentInfo(info))
}

func (s *server) removeChangefeed(w http.ResponseWriter, r *http.Request) {
	id, err := changefeedID(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	// Removing a changefeed that does not exist succeeds, as in TiCDC.
	if err := s.engine.Remove(r.Context(), id); err != nil && !api.HasCode(err, api.CodeChangeFeedNotExists) {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, api.EmptyResponse{})
}

func (s *server) pauseChangefeed(w http.ResponseWriter, r *http.Request) {
	id, err := changefeedID(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	if err := s.engine.Pause(r.Context(), id); err != nil {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, api.EmptyResponse{})
}

func (s *server) resumeChangefeed(w http.ResponseWriter, r *http.Request) {
	id, err := changefeedID(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	var cfg api.ResumeChangefeedConfig
	if err := decodeBody(w, r, &cfg); err != nil {
		s.writeError(w, err)
		return
	}
	if err := s.engine.Resume(r.Context(), id, cfg.OverwriteCheckpointTs); err != nil {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, api.EmptyResponse{})
}

func (s *server) changefeedStatus(w http.ResponseWriter, r *http.Request) {
	id, err := changefeedID(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	st, err := s.engine.Status(r.Context(), id)
	if err != nil {
		s.writeError(w, err)
		return
	}
	s.writeJSON(w, presentStatus(st))
}
