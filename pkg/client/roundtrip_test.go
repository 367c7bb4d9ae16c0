package client_test

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/client"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/server"
	"github.com/cdcctl/cdcctl/pkg/server/servertest"
)

// newCdcctl starts server.New over an in-memory engine on httptest.
func newCdcctl(t *testing.T, opts server.Options) (*servertest.Engine, *httptest.Server) {
	e := servertest.NewEngine()
	e.Now = func() time.Time { return time.UnixMilli(1733382346679) }
	srv := httptest.NewServer(server.New(e, opts))
	t.Cleanup(srv.Close)
	return e, srv
}

// TestRoundTripAgainstCdcctlServer drives every verb through both halves:
// the client encodes, the server decodes and answers, the client decodes.
func TestRoundTripAgainstCdcctlServer(t *testing.T) {
	e, srv := newCdcctl(t, server.Options{Token: "tok", Location: time.UTC})
	c, err := client.New(srv.URL, client.WithToken("tok"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	cfs := c.Changefeeds()
	id := api.ChangefeedID{Namespace: "default", ID: "orders"}

	rc := replicaconfig.Default()
	reg := "https://key:regsecret@sr.example.com"
	rc.Sink.SchemaRegistry = &reg
	sink := "kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-user=u&sasl-password=kafkasecret"
	info, err := cfs.Create(ctx, &api.ChangefeedConfig{ID: "orders", SinkURI: sink, ReplicaConfig: rc,
		Upstream: "mysql://root:dbsecret@127.0.0.1:3306", StartPosition: "mysql-bin.000003:4", Snapshot: api.SnapshotNever})
	if err != nil {
		t.Fatal(err)
	}
	if info.Namespace != "default" || info.State != api.StateNormal || info.StartTs != 1733382346679<<18 ||
		info.CheckpointTime.String() != "2024-12-05 07:05:46.679" || info.StartPosition != "mysql-bin.000003:4" || info.Snapshot != api.SnapshotNever {
		t.Errorf("created = %+v", info)
	}
	if info.SinkURI != "kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=u" ||
		info.Upstream != "mysql://root:xxxxx@127.0.0.1:3306" || *info.Config.Sink.SchemaRegistry != "https://key:xxxxx@sr.example.com" {
		t.Errorf("answer not masked: sink %s upstream %s registry %s", info.SinkURI, info.Upstream, *info.Config.Sink.SchemaRegistry)
	}
	stored, _ := e.Info(id)
	if stored.SinkURI != sink || stored.Upstream != "mysql://root:dbsecret@127.0.0.1:3306" || *stored.Config.Sink.SchemaRegistry != reg {
		t.Errorf("engine got %+v", stored)
	}

	_, err = cfs.Create(ctx, &api.ChangefeedConfig{ID: "orders", SinkURI: sink})
	wantAPIError(t, err, api.CodeChangeFeedAlreadyExists, 500, "[CDC:ErrChangeFeedAlreadyExists]changefeed already exists, orders")
	_, err = cfs.Create(ctx, &api.ChangefeedConfig{ID: "x", SinkURI: "kafka://k:9092/t?partition-num=0&sasl-password=kafkasecret"})
	wantAPIError(t, err, api.CodeSinkURIInvalid, 400, "")
	if strings.Contains(err.Error(), "kafkasecret") {
		t.Errorf("error leaks the password: %v", err)
	}

	items, err := cfs.List(ctx, "", "")
	if err != nil || len(items) != 1 || items[0].ID != "orders" || items[0].State != api.StateNormal {
		t.Fatalf("list = %+v, %v", items, err)
	}
	if _, err := cfs.Update(ctx, id, &api.ChangefeedConfig{TargetTs: info.StartTs + 10}); !api.HasCode(err, api.CodeChangefeedUpdateRefused) {
		t.Errorf("update of a running changefeed: %v", err)
	}
	if err := cfs.Pause(ctx, id); err != nil {
		t.Fatal(err)
	}
	st, err := cfs.Status(ctx, id)
	if err != nil || st.State != api.StateStopped {
		t.Fatalf("status = %+v, %v", st, err)
	}
	upd, err := cfs.Update(ctx, id, &api.ChangefeedConfig{TargetTs: info.StartTs + 10})
	if err != nil || upd.TargetTs != info.StartTs+10 {
		t.Fatalf("update = %+v, %v", upd, err)
	}
	if err := cfs.Resume(ctx, id, info.StartTs+5); err != nil {
		t.Fatal(err)
	}
	got, err := cfs.Get(ctx, id)
	if err != nil || got.State != api.StateNormal || got.CheckpointTs != info.StartTs+5 {
		t.Fatalf("get = %+v, %v", got, err)
	}
	if err := cfs.Remove(ctx, id); err != nil {
		t.Fatal(err)
	}
	_, err = cfs.Get(ctx, id)
	wantAPIError(t, err, api.CodeChangeFeedNotExists, 400, "[CDC:ErrChangeFeedNotExists]changefeed not exists, default/orders")
	if err := cfs.Remove(ctx, id); err != nil {
		t.Errorf("remove of a removed changefeed: %v", err)
	}
	if err := cfs.Pause(ctx, id); !api.HasCode(err, api.CodeChangeFeedNotExists) {
		t.Errorf("pause of a removed changefeed: %v", err)
	}

	if err := c.Health(ctx); err != nil {
		t.Error(err)
	}
	if st, err := c.Status(ctx); err != nil || st.ID != "capture-1" {
		t.Errorf("server status = %+v, %v", st, err)
	}
	if caps, err := c.Captures(ctx); err != nil || len(caps) != 1 {
		t.Errorf("captures = %+v, %v", caps, err)
	}
}

func TestIDsAreEscapedInPaths(t *testing.T) {
	_, srv := newCdcctl(t, server.Options{})
	c, _ := client.New(srv.URL)
	for _, id := range []string{"a/b", "a b", "a%2Fb", "../x"} {
		_, err := c.Changefeeds().Get(t.Context(), api.ChangefeedID{ID: id})
		wantAPIError(t, err, api.CodeAPIInvalidParam, 400, "[CDC:ErrAPIInvalidParam]invalid changefeed_id: "+id)
	}
}

func TestTrustedCAFile(t *testing.T) {
	srv := httptest.NewTLSServer(server.New(servertest.NewEngine(), server.Options{}))
	defer srv.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(ca, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := client.New(strings.TrimPrefix(srv.URL, "https://"), client.WithTLS(ca, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Server(), "https://") {
		t.Errorf("an address without a scheme and with TLS should be https: %s", c.Server())
	}
	if err := c.Health(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestAuthAndReadinessErrors(t *testing.T) {
	ready := false
	_, srv := newCdcctl(t, server.Options{Token: "tok", Ready: func() bool { return ready }})
	c, _ := client.New(srv.URL, client.WithToken("wrong"))
	err := c.Changefeeds().Pause(t.Context(), api.ChangefeedID{ID: "a"})
	wantAPIError(t, err, api.CodeServerIsNotReady, 503, "[CDC:ErrServerIsNotReady]cdc server is not ready")
	ready = true
	err = c.Changefeeds().Pause(t.Context(), api.ChangefeedID{ID: "a"})
	wantAPIError(t, err, api.CodeUnauthorized, 401, "")
}

func TestConnectionErrorNamesTheServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err := client.New("http://admin:hunter2@" + addr)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Changefeeds().List(t.Context(), "", "")
	var ce *client.ConnectionError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v (%T)", err, err)
	}
	want := fmt.Sprintf("cannot reach server http://%s: dial tcp %s: connect: connection refused", addr, addr)
	if err.Error() != want {
		t.Errorf("err = %q\nwant %q", err, want)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Error("error leaks the password of the address")
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = c.Changefeeds().List(ctx, "", "")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestNewAddress(t *testing.T) {
	tests := []struct {
		in, wantServer, wantErr string
	}{
		{"http://127.0.0.1:8300", "http://127.0.0.1:8300", ""},
		{"127.0.0.1:8300", "http://127.0.0.1:8300", ""},
		{"https://cdc.example.com/prefix/", "https://cdc.example.com/prefix", ""},
		{"http://u:pw@h:1", "http://h:1", ""},
		{"", "", "invalid server address: empty"},
		{"ftp://h:1", "", `invalid server address "ftp://h:1": scheme "ftp", want http or https`},
		{"http://", "", `invalid server address "http://": want http(s)://host:port`},
		{"http://u:pw@h:1?x=1", "", `invalid server address "http://u:xxxxx@h:1?x=1"`},
		{"http://h:1:2:3", "", `invalid server address "http://h:1:2:3"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := client.New(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "pw") {
					t.Errorf("error leaks the password: %v", err)
				}
				return
			}
			if err != nil || c.Server() != tt.wantServer {
				t.Fatalf("server = %v, %v; want %s", c, err, tt.wantServer)
			}
		})
	}
}

func TestBasicAuthFromAddressAndTLSFiles(t *testing.T) {
	fake, srv := newFakeTiCDC(t)
	c, _ := client.New(strings.Replace(srv.URL, "http://", "http://ticdc:pw@", 1))
	if _, err := c.Changefeeds().List(t.Context(), "", ""); err != nil {
		t.Fatal(err)
	}
	if got := fake.last().Auth; got != "Basic dGljZGM6cHc=" {
		t.Errorf("Authorization = %q", got)
	}
	if _, err := client.New(srv.URL, client.WithTLS("/nonexistent/ca.pem", "", "")); err == nil ||
		!strings.Contains(err.Error(), "server TLS: read CA file") {
		t.Errorf("missing CA: %v", err)
	}
	if _, err := client.New(srv.URL, client.WithTLS("", "cert.pem", "")); err == nil ||
		!strings.Contains(err.Error(), "both the certificate and the key") {
		t.Errorf("cert without key: %v", err)
	}
}

func TestTLSServer(t *testing.T) {
	e := servertest.NewEngine()
	srv := httptest.NewTLSServer(server.New(e, server.Options{}))
	defer srv.Close()
	c, err := client.New(srv.URL, client.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Health(t.Context()); err != nil {
		t.Fatal(err)
	}
	plain, _ := client.New(srv.URL)
	err = plain.Health(t.Context())
	var ce *client.ConnectionError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted certificate: %v", err)
	}
}
