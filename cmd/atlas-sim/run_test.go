package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestRunPrintsEnvironmentServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdoutR, stdoutW := io.Pipe()
	var stderr strings.Builder
	exit := make(chan int, 1)
	go func() {
		code := run(ctx, []string{"-addr", "127.0.0.1:0", "-transition", "0s", "-world-date", "2026-01-16"}, stdoutW, &stderr)
		stdoutW.Close()
		exit <- code
	}()

	scanner := bufio.NewScanner(stdoutR)
	var lines []string
	for scanner.Scan() {
		lines = append(lines, scanner.Text())
		if scanner.Text() == "atlas-sim ready" {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }()

	if len(lines) != 8 {
		t.Fatalf("printed %d lines: %q (stderr %s)", len(lines), lines, stderr.String())
	}
	urlLine := regexp.MustCompile(`^export MONGODB_ATLAS_BASE_URL=(http://127\.0\.0\.1:[1-9][0-9]*/)$`).FindStringSubmatch(lines[0])
	if urlLine == nil {
		t.Fatalf("first line = %q", lines[0])
	}
	base := urlLine[1]
	want := []string{
		"export MONGODB_ATLAS_BASE_URL=" + base,
		"export MONGODB_ATLAS_PUBLIC_KEY=" + atlassim.DefaultPublicKey,
		"export MONGODB_ATLAS_PRIVATE_KEY=" + atlassim.DefaultPrivateKey,
		"export MONGODB_ATLAS_CLIENT_ID=" + atlassim.DefaultClientID,
		"export MONGODB_ATLAS_CLIENT_SECRET=" + atlassim.DefaultClientSecret,
		"export MONGODB_ATLAS_ORG_ID=" + atlassim.DefaultOrgID,
		"export MONGODB_CLOUD_MANAGER_BASE_URL=" + base,
		"atlas-sim ready",
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Fatalf("line %d = %q, want %q", i, lines[i], want[i])
		}
	}

	// The server answers: the API with a digest challenge, the admin API with the world date.
	resp, err := http.Get(base + "api/atlas/v2/groups")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("Www-Authenticate"), `Digest realm="MMS Public API"`) {
		t.Fatalf("API answer = %d %v", resp.StatusCode, resp.Header)
	}
	resp, err = http.Get(base + "__sim/world")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != `{"date":"2026-01-16"}` {
		t.Fatalf("world = %s", body)
	}

	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Fatalf("exit code %d, stderr %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	if resp, err := http.Get(base + "__sim/world"); err == nil {
		resp.Body.Close()
		t.Fatal("server still answering after shutdown")
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-world-date", "yesterday"},
		{"-latency", "fast"},
		{"-nope"},
		{"-flavor", "atlas"},
		{"-global-public-key", "only-half"},
	} {
		var stderr strings.Builder
		if code := run(context.Background(), args, io.Discard, &stderr); code != 2 {
			t.Fatalf("%v: exit code %d", args, code)
		}
		if stderr.Len() == 0 {
			t.Fatalf("%v: nothing on stderr", args)
		}
	}
}

func TestRunTLSOpsManager(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdoutR, stdoutW := io.Pipe()
	var stderr strings.Builder
	exit := make(chan int, 1)
	go func() {
		code := run(ctx, []string{"-addr", "127.0.0.1:0", "-tls", "-tls-hosts", "opsmanager.internal", "-flavor", "ops-manager"}, stdoutW, &stderr)
		stdoutW.Close()
		exit <- code
	}()
	scanner := bufio.NewScanner(stdoutR)
	var lines []string
	for scanner.Scan() {
		lines = append(lines, scanner.Text())
		if scanner.Text() == "atlas-sim ready" {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }()

	// The usual lines, then SSL_CERT_FILE, then ready.
	if len(lines) != 9 || lines[8] != "atlas-sim ready" {
		t.Fatalf("printed %q (stderr %s)", lines, stderr.String())
	}
	base := regexp.MustCompile(`^export MONGODB_ATLAS_BASE_URL=(https://127\.0\.0\.1:[1-9][0-9]*/)$`).FindStringSubmatch(lines[0])
	if base == nil || lines[6] != "export MONGODB_CLOUD_MANAGER_BASE_URL="+base[1] {
		t.Fatalf("URL lines = %q, %q", lines[0], lines[6])
	}
	caFile, found := strings.CutPrefix(lines[7], "export SSL_CERT_FILE=")
	if !found {
		t.Fatalf("line 8 = %q", lines[7])
	}
	pemData, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemData) {
		t.Fatalf("%s holds no certificate", caFile)
	}

	// Not trusted without the CA; trusted with it, also under the extra name.
	if _, err := (&http.Client{Transport: &http.Transport{}}).Get(base[1] + "api/public/v1.0/groups"); err == nil ||
		!strings.Contains(err.Error(), "unknown authority") {
		t.Fatalf("without the CA: %v", err)
	}
	for _, name := range []string{"", "opsmanager.internal"} {
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: name}}}
		resp, err := client.Get(base[1] + "api/public/v1.0/groups")
		if err != nil {
			t.Fatalf("with the CA (%q): %v", name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("Public API answer = %d, want the digest challenge", resp.StatusCode)
		}
		// Ops Manager has no Atlas Admin API.
		resp, err = client.Get(base[1] + "api/atlas/v2/groups")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("Atlas API answer = %d, want 404", resp.StatusCode)
		}
	}

	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Fatalf("exit code %d, stderr %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	if _, err := os.Stat(caFile); !os.IsNotExist(err) {
		t.Errorf("CA file left behind after shutdown: %v", err)
	}
}
