//go:build integration

package kafka_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// testCA is a throwaway certificate authority.
type testCA struct {
	cert    *x509.Certificate
	key     *ecdsa.PrivateKey
	pemFile string
}

func newTestCA(t *testing.T, name string) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	ca := &testCA{cert: cert, key: key, pemFile: filepath.Join(t.TempDir(), name+"-ca.pem")}
	writePEM(t, ca.pemFile, "CERTIFICATE", der)
	return ca
}

// issue signs a leaf certificate and returns it with the paths of its PEM
// certificate and key files.
func (ca *testCA) issue(t *testing.T, name string, usage x509.ExtKeyUsage) (tls.Certificate, string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{usage},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, name+".pem"), filepath.Join(dir, name+"-key.pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "EC PRIVATE KEY", keyDER)
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	return pair, certFile, keyFile
}

func writePEM(t *testing.T, path, kind string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestTLS(t *testing.T) {
	ca, other := newTestCA(t, "cdcctl-test"), newTestCA(t, "someone-else")
	serverCert, _, _ := ca.issue(t, "broker", x509.ExtKeyUsageServerAuth)
	_, clientCert, clientKey := ca.issue(t, "cdcctl", x509.ExtKeyUsageClientAuth)
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	serverOnly := newCluster(t, kfake.TLS(&tls.Config{Certificates: []tls.Certificate{serverCert}, MinVersion: tls.VersionTLS12}))
	mutual := newCluster(t, kfake.TLS(&tls.Config{
		Certificates: []tls.Certificate{serverCert}, MinVersion: tls.VersionTLS12,
		ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool,
	}))

	tests := []struct {
		name    string
		cluster *kfake.Cluster
		tls     kafka.TLS
		wantErr string // "" = must work
	}{
		{"CA file verifies the broker", serverOnly, kafka.TLS{CAFile: ca.pemFile}, ""},
		{"insecure-skip-verify", serverOnly, kafka.TLS{Enable: true, InsecureSkipVerify: true}, ""},
		{"system roots do not know the test CA", serverOnly, kafka.TLS{Enable: true}, "certificate"},
		{"another CA", serverOnly, kafka.TLS{CAFile: other.pemFile}, "certificate"},
		{"client certificate for mutual TLS", mutual, kafka.TLS{CAFile: ca.pemFile, CertFile: clientCert, KeyFile: clientKey}, ""},
		{"mutual TLS without a client certificate", mutual, kafka.TLS{CAFile: ca.pemFile}, "certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			brokers := tt.cluster.ListenAddrs()
			opts := kafka.DefaultOptions(brokers...)
			opts.TLS = tt.tls
			p := newProducer(t, opts)
			ctx := testContext(t, 30*time.Second)
			topic := strings.ReplaceAll(tt.name, " ", "-")
			_, err := p.EnsureTopic(ctx, topic)
			if err == nil {
				err = p.WriteBatch(ctx, rowMessages(topic, 9, 3, 0))
			}
			if tt.wantErr != "" {
				if err == nil {
					t.Fatal("connected, want a TLS failure")
				}
				t.Logf("error: %v", err)
				if kafka.IsRetryable(err) || ctx.Err() != nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q: retryable %t, deadline hit %t; want a fatal error about the %s",
						err, kafka.IsRetryable(err), ctx.Err() != nil, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			reader := &tls.Config{RootCAs: pool}
			if tt.tls.CertFile != "" {
				pair, _ := tls.LoadX509KeyPair(clientCert, clientKey)
				reader.Certificates = []tls.Certificate{pair}
			}
			msgs := rowMessages(topic, 9, 3, 0)
			for part := range int32(3) {
				want := ofPartition(msgs, part)
				sameRecords(t, "read back", readPartition(t, brokers, &kafkago.Transport{TLS: reader}, topic, int(part), len(want)), want)
			}
		})
	}
}
