// Package upstream implements `cdcctl check upstream`.
package upstream

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql" // the upstream driver
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	up "github.com/cdcctl/cdcctl/pkg/upstream"
)

// Options are the parsed flags of `cdcctl check upstream`.
type Options struct {
	IO       *iostreams.IOStreams
	Format   output.Format
	Upstream string
	Timeout  time.Duration
	// Check runs the checks; tests replace it.
	Check func(ctx context.Context, u up.Upstream) (*up.Report, error)
}

// NewCmdUpstream returns the command.
func NewCmdUpstream(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Check: checkUpstream}
	cmd := &cobra.Command{
		Use:   "upstream --upstream <dsn>",
		Short: "Check binlog settings, privileges and table keys of an upstream database",
		Long: `Check that a MySQL or MariaDB server can be captured: the binlog is on in ROW
format with FULL row images, server_id is set, the user has the replication and
SELECT privileges, and which tables have no primary or NOT NULL unique key (they
are skipped). Exits 1 when something blocks capture.`,
		Example: `  cdcctl check upstream --upstream 'mysql://cdc:secret@db.example:3306'
  CDCCTL_UPSTREAM='mysql://cdc:secret@db:3306' cdcctl check upstream -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.Upstream = cfg.Upstream.Reveal()
			if opts.Upstream == "" {
				return cmderr.FlagErrorf("--upstream (or CDCCTL_UPSTREAM) is required")
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmd.Flags().String("upstream", "", "Upstream DSN, mysql://user:password@host:port (or CDCCTL_UPSTREAM)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "Give up after this long")
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

func checkUpstream(ctx context.Context, u up.Upstream) (*up.Report, error) {
	db, err := sql.Open("mysql", u.DriverDSN())
	if err != nil {
		return nil, fmt.Errorf("upstream %s: %w", u, err)
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("cannot connect to upstream %s: %w", u, err)
	}
	return up.Run(ctx, db, nil)
}

func run(ctx context.Context, opts *Options) error {
	u, err := up.Parse(opts.Upstream)
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	r, err := opts.Check(ctx, u)
	if err != nil {
		return err
	}
	if err := output.Print(opts.IO, opts.Format, reportView{Report: r, Upstream: u.String()}); err != nil {
		return err
	}
	if r.Blocked() {
		return fmt.Errorf("upstream %s cannot be captured: %s", u, strings.Join(r.Problems(up.Blocker), "; "))
	}
	return nil
}

// reportView is what the command prints.
type reportView struct {
	Upstream   string `json:"upstream" yaml:"upstream"`
	*up.Report `yaml:",inline"`
}

// TableHeader implements output.TableView.
func (v reportView) TableHeader() []string { return []string{"check", "status", "detail"} }

// TableRows implements output.TableView.
func (v reportView) TableRows() [][]string {
	rows := [][]string{{"server", "info", fmt.Sprintf("%s %s (%s)", v.Server.Flavor, v.Server.Version, v.Upstream)}}
	for _, c := range v.Checks {
		status := "ok"
		detail := c.Detail
		if !c.OK {
			status = map[up.Severity]string{up.Blocker: "FAIL", up.Warning: "warn"}[c.Severity]
			if c.Fix != "" {
				detail += "; fix: " + c.Fix
			}
		}
		rows = append(rows, []string{c.Name, status, detail})
	}
	return rows
}
