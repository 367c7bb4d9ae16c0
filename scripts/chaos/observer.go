package main

import (
	"bufio"
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/client"
	"github.com/cdcctl/cdcctl/pkg/verify"
)

// sampleEvery is how often the observer looks.
const sampleEvery = 200 * time.Millisecond

// observer watches the run: both changefeeds' states through the API,
// changefeed A's checkpoint with the broker's watermarks right after it
// (for the checkpoint rule), the server's RSS and rows read.
type observer struct {
	api    *client.Client
	srv    *server
	st     *stack
	topics func() []string // changefeed A's topics

	mu      sync.Mutex
	a, b    []observation
	samples []verify.CheckpointSample
	rss     []rssPoint
	apiErrs int
}

type rssPoint struct {
	At       time.Time
	RSS      int64
	RowsRead int64 // changefeed A's rows_read_total, -1 when unknown
}

func (o *observer) run(ctx context.Context) {
	t := time.NewTicker(sampleEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		o.look(ctx)
	}
}

func (o *observer) look(ctx context.Context) {
	pid := o.srv.pid()
	if pid == 0 {
		return
	}
	a, errA := observe(ctx, o.api, feedA)
	var wms map[string][]int64
	wmOK := false
	if errA == nil {
		wms, wmOK = o.st.watermarks(o.topics())
	}
	b, errB := observe(ctx, o.api, feedB)
	size, rerr := rss(pid)
	rows := rowsRead(ctx, o.srv.addr)
	o.mu.Lock()
	defer o.mu.Unlock()
	if errA != nil || errB != nil {
		o.apiErrs++
	}
	if errA == nil {
		o.a = append(o.a, a)
		if wmOK {
			o.samples = append(o.samples, verify.CheckpointSample{Time: a.At, CommitTs: a.Checkpoint, Watermarks: wms})
		}
	}
	if errB == nil {
		o.b = append(o.b, b)
	}
	if rerr == nil {
		o.rss = append(o.rss, rssPoint{At: time.Now(), RSS: size, RowsRead: rows})
	}
}

// last returns the latest observation of a changefeed.
func (o *observer) last(id string) (observation, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	obs := o.a
	if id == feedB {
		obs = o.b
	}
	if len(obs) == 0 {
		return observation{}, false
	}
	return obs[len(obs)-1], true
}

// between returns a changefeed's observations in [from, to].
func (o *observer) between(id string, from, to time.Time) []observation {
	o.mu.Lock()
	defer o.mu.Unlock()
	obs := o.a
	if id == feedB {
		obs = o.b
	}
	var out []observation
	for _, x := range obs {
		if !x.At.Before(from) && !x.At.After(to) {
			out = append(out, x)
		}
	}
	return out
}

// rssBetween returns the RSS points in [from, to].
func (o *observer) rssBetween(from, to time.Time) []rssPoint {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []rssPoint
	for _, p := range o.rss {
		if !p.At.Before(from) && !p.At.After(to) {
			out = append(out, p)
		}
	}
	return out
}

// rowsRead scrapes changefeed A's rows_read_total from /metrics.
func rowsRead(ctx context.Context, addr string) int64 {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	if err != nil {
		return -1
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	prefix := `cdcctl_changefeed_rows_read_total{changefeed="` + feedA + `"`
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, prefix) {
			f := strings.Fields(line)
			v, err := strconv.ParseFloat(f[len(f)-1], 64)
			if err == nil {
				return int64(v)
			}
		}
	}
	return -1
}
