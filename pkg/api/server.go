package api

// Liveness of a capture: 0 alive, 1 stopping.
type Liveness int32

// Capture liveness values.
const (
	LivenessAlive    Liveness = 0
	LivenessStopping Liveness = 1
)

// ServerStatus is the answer of GET /status.
type ServerStatus struct {
	Version   string   `json:"version"`
	GitHash   string   `json:"git_hash"`
	ID        string   `json:"id"`
	ClusterID string   `json:"cluster_id"`
	Pid       int      `json:"pid"`
	IsOwner   bool     `json:"is_owner"`
	Liveness  Liveness `json:"liveness"`
}

// Capture is one item of GET /captures.
type Capture struct {
	ID            string `json:"id"`
	IsOwner       bool   `json:"is_owner"`
	AdvertiseAddr string `json:"address"`
	ClusterID     string `json:"cluster_id"`
}
