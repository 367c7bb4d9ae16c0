//go:build integration

package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The distinctive secrets handed to cdcctl; none may come back out.
const (
	secUpstream = "Up5tream-Zq7/p@ss" // the capture user's password
	secWrong    = "Wr0ngPw-Vx3:q"     // a wrong password, for the error paths
	secMySQL    = "My5ql-Env-Pw-K2"   // CDCCTL_MYSQL_PASSWORD (wrong, for an error path)
	secSASL     = "Sa5l-Kw9/secret"
	secRegistry = "Reg1stry-Pw4:x/y"
	secKafkaAPI = "KafkaApi-S3cret-88"
	secSRAPI    = "SrApi-S3cret-77"
	secPass     = "Pa55phrase-Snow-61"
	secSQLSrv   = "SqlSrv-Pw-55q"
	secCloud    = "Cloud-S3cret-66"
	secConnect  = "Conn3ct-Pw-44"
	secToken    = "T0ken-Server-31"
)

// secretSet is every secret in every form it could leak in.
type secretSet struct {
	forms map[string]string // form → the secret it shows
}

func newSecretSet(privateKeyBody string, plain ...string) *secretSet {
	s := &secretSet{forms: map[string]string{}}
	for _, p := range plain {
		for _, f := range []string{p, url.QueryEscape(p), url.PathEscape(p), base64.StdEncoding.EncodeToString([]byte(p))} {
			s.forms[f] = p
		}
	}
	for _, up := range [][2]string{{"sr-user", secRegistry}, {"connect-user", secConnect}, {"CLOUDKEY", secCloud}} {
		s.forms[base64.StdEncoding.EncodeToString([]byte(up[0]+":"+up[1]))] = up[1] + " (HTTP Basic)"
	}
	for _, at := range []int{100, 600, 1200} { // pieces of the private key that survive line wrapping
		s.forms[privateKeyBody[at:at+40]] = "the Snowflake private key"
	}
	return s
}

// output is one thing cdcctl printed.
type output struct{ label, text string }

// find returns every secret form in outs.
func (s *secretSet) find(outs []output) []string {
	var found []string
	for _, o := range outs {
		for form, secret := range s.forms {
			if i := strings.Index(o.text, form); i >= 0 {
				lo, hi := max(0, i-60), min(len(o.text), i+len(form)+60)
				found = append(found, fmt.Sprintf("%s shows %s: …%s…", o.label, secret, o.text[lo:hi]))
			}
		}
	}
	return found
}

// privateKey writes a fresh PKCS#8 RSA key as PEM and returns its base64
// body.
func privateKey(t *testing.T, path string) string {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

// buildBinary builds cdcctl (without -race: the binary is what is
// searched) into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "cdcctl")
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	out, err := exec.Command(goTool, "build", "-o", bin, "github.com/cdcctl/cdcctl/cmd/cdcctl").CombinedOutput()
	if err != nil {
		t.Fatalf("build cdcctl: %v\n%s", err, out)
	}
	return bin
}

// runner runs cdcctl processes and keeps what they print.
type runner struct {
	t    *testing.T
	bin  string
	env  []string // the base environment: no CDCCTL_* of the caller
	outs []output
}

func newRunner(t *testing.T, bin, configHome string) *runner {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CDCCTL_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			env = append(env, kv)
		}
	}
	return &runner{t: t, bin: bin, env: append(env, "XDG_CONFIG_HOME="+configHome, "NO_COLOR=1")}
}

// run runs `cdcctl --log-level debug args...` with extra environment and
// returns its exit code.
func (r *runner) run(env []string, args ...string) int {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	return r.runCtx(ctx, env, args...)
}

func (r *runner) runCtx(ctx context.Context, env []string, args ...string) int {
	r.t.Helper()
	args = append([]string{"--log-level", "debug"}, args...)
	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Env = append(append([]string(nil), r.env...), env...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil && ctx.Err() != nil && cmd.ProcessState != nil:
		code = cmd.ProcessState.ExitCode() // interrupted on purpose
	case err != nil:
		r.t.Fatalf("cdcctl %s: %v", strings.Join(args, " "), err)
	}
	label := "cdcctl " + strings.Join(args, " ")
	r.outs = append(r.outs, output{label + " (stdout)", stdout.String()}, output{label + " (stderr)", stderr.String()})
	return code
}
