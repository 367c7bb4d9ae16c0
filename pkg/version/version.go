// Package version carries the build's version, set by the release build:
//
//	-ldflags "-X github.com/cdcctl/cdcctl/pkg/version.Version=v1.2.3
//	          -X github.com/cdcctl/cdcctl/pkg/version.Commit=abc1234
//	          -X github.com/cdcctl/cdcctl/pkg/version.Date=2026-01-02T03:04:05Z"
//
// These are the only package-level variables in cdcctl: the linker can set
// nothing else.
package version

import "runtime"

// Set by -ldflags -X at release time; "dev" for local builds.
var (
	Version = "dev"
	Commit  = "dev"
	Date    = "dev"
)

// Info is the build information of this binary.
type Info struct {
	Version string `json:"version" yaml:"version"`
	Commit  string `json:"commit" yaml:"commit"`
	Date    string `json:"date" yaml:"date"`
	Go      string `json:"go" yaml:"go"`
}

// Get returns the build information.
func Get() Info {
	return Info{Version: Version, Commit: Commit, Date: Date, Go: runtime.Version()}
}
