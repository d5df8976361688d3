package main

import (
	"crypto/tls"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// systemCABundles are where Linux distributions keep the bundle of public CAs (the list Go
// reads too). The CA file starts with the simulator's CA and goes on with the first bundle
// found, so exporting SSL_CERT_FILE in a CI shell does not stop other HTTPS clients of that
// shell (terraform init, curl) from trusting public servers.
var systemCABundles = []string{
	"/etc/ssl/certs/ca-certificates.crt",
	"/etc/pki/tls/certs/ca-bundle.crt",
	"/etc/ssl/ca-bundle.pem",
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
	"/etc/ssl/cert.pem",
}

// listenTLS wraps listener in TLS with a certificate from a CA made now, writes the CA to a
// file in a new temporary directory and returns its path, and a cleanup that removes it.
func listenTLS(listener net.Listener, addr, extraHosts string) (net.Listener, string, func(), error) {
	hosts := []string{}
	if host, _, err := net.SplitHostPort(addr); err == nil && host != "" && !net.ParseIP(host).IsUnspecified() {
		hosts = append(hosts, host)
	}
	if name, err := os.Hostname(); err == nil {
		hosts = append(hosts, name)
	}
	for _, h := range strings.Split(extraHosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	certs, err := atlassim.NewTLSCertificates(hosts...)
	if err != nil {
		_ = listener.Close()
		return nil, "", nil, err
	}
	dir, err := os.MkdirTemp("", "atlas-sim-tls-")
	if err != nil {
		_ = listener.Close()
		return nil, "", nil, err
	}
	bundle := append([]byte{}, certs.CAPEM...)
	for _, path := range systemCABundles {
		if system, err := os.ReadFile(path); err == nil {
			bundle = append(bundle, system...)
			break
		}
	}
	caFile := filepath.Join(dir, "atlas-sim-ca.pem")
	if err := os.WriteFile(caFile, bundle, 0o644); err != nil {
		_ = listener.Close()
		_ = os.RemoveAll(dir)
		return nil, "", nil, err
	}
	return tls.NewListener(listener, certs.ServerConfig()), caFile, func() { _ = os.RemoveAll(dir) }, nil
}
