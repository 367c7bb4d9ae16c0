package connector

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"strings"
)

// PrivateKeyBody returns what snowflake.private.key wants: the base64 body
// of a PKCS#8 key on one line, without the -----BEGIN/END----- lines. key
// is a PEM file or an already stripped body (line breaks allowed). An
// unencrypted key must parse as PKCS#8; an encrypted one needs a
// passphrase. PKCS#1 ("RSA PRIVATE KEY") and public keys are rejected with
// the way to convert them. Errors never contain key material.
func PrivateKeyBody(key string, havePassphrase bool) (string, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return "", fmt.Errorf("empty")
	}
	kind := "PRIVATE KEY"
	var der []byte
	if strings.HasPrefix(key, "-----BEGIN") {
		block, rest := pem.Decode([]byte(key))
		if block == nil {
			return "", fmt.Errorf("not a valid PEM block")
		}
		if len(strings.TrimSpace(string(rest))) != 0 {
			return "", fmt.Errorf("more than one PEM block; give only the private key")
		}
		kind, der = block.Type, block.Bytes
	} else {
		var err error
		der, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(key), ""))
		if err != nil {
			return "", fmt.Errorf("neither a PEM file nor a base64 key body")
		}
		if _, err := x509.ParsePKCS8PrivateKey(der); err != nil {
			kind = "ENCRYPTED PRIVATE KEY" // a bare body we cannot parse may be encrypted
		}
	}
	switch kind {
	case "PRIVATE KEY":
		if _, err := x509.ParsePKCS8PrivateKey(der); err != nil {
			return "", fmt.Errorf("not a PKCS#8 private key")
		}
	case "ENCRYPTED PRIVATE KEY":
		if !havePassphrase {
			return "", fmt.Errorf("the key is encrypted (or not PKCS#8) and no passphrase was given")
		}
	case "RSA PRIVATE KEY":
		return "", fmt.Errorf("a PKCS#1 RSA key; Snowflake wants PKCS#8: openssl pkcs8 -topk8 -inform PEM -in key.pem -out key.p8 -nocrypt")
	case "PUBLIC KEY", "RSA PUBLIC KEY":
		return "", fmt.Errorf("a public key; give the private key (the public key is set on the Snowflake user)")
	default:
		return "", fmt.Errorf("PEM block %q is not a private key", kind)
	}
	return base64.StdEncoding.EncodeToString(der), nil
}
