package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// run parses flags, binds the listener, prints the environment lines and
// serves until ctx is cancelled. It returns the process exit code: 0 after
// a clean shutdown, 2 for bad flags, 1 for other failures.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("atlas-sim", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "listen address; port 0 picks a free port")
	latency := flags.Duration("latency", 0, "delay added to every API request")
	transition := flags.Duration("transition", 3*time.Second, "how long asynchronous state changes take (CREATING->IDLE, DELETING->gone)")
	worldDate := flags.String("world-date", "", "today's date in the simulated world, YYYY-MM-DD (default: today)")
	publicKey := flags.String("public-key", atlassim.DefaultPublicKey, "API key public key (HTTP Digest user)")
	privateKey := flags.String("private-key", atlassim.DefaultPrivateKey, "API key private key (HTTP Digest password)")
	clientID := flags.String("client-id", atlassim.DefaultClientID, "service account client id")
	clientSecret := flags.String("client-secret", atlassim.DefaultClientSecret, "service account client secret")
	orgID := flags.String("org-id", atlassim.DefaultOrgID, "id of the simulated organization (24 hex digits)")
	flavorName := flags.String("flavor", string(atlassim.FlavorCloudManager),
		"service to play: cloud-manager (Atlas and Cloud Manager, as cloud.mongodb.com) or ops-manager (a self-hosted Ops Manager: Public API v1.0 only)")
	globalPublicKey := flags.String("global-public-key", "", "Ops Manager global API key, public part (ops-manager flavor; Global Owner: may create projects without an organization)")
	globalPrivateKey := flags.String("global-private-key", "", "Ops Manager global API key, private part")
	useTLS := flags.Bool("tls", false, "serve HTTPS with a certificate from a certificate authority made at start; prints export SSL_CERT_FILE=<its CA>")
	tlsHosts := flags.String("tls-hosts", "", "extra comma-separated host names or IPs for the certificate (localhost, 127.0.0.1 and ::1 are always in it)")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	flavor, err := atlassim.ParseFlavor(*flavorName)
	if err != nil {
		fmt.Fprintf(stderr, "atlas-sim: -flavor: %v\n", err)
		return 2
	}
	if (*globalPublicKey == "") != (*globalPrivateKey == "") {
		fmt.Fprintln(stderr, "atlas-sim: set both -global-public-key and -global-private-key, or neither")
		return 2
	}

	date := time.Now()
	if *worldDate != "" {
		parsed, err := time.Parse(time.DateOnly, *worldDate)
		if err != nil {
			fmt.Fprintf(stderr, "atlas-sim: -world-date must be YYYY-MM-DD: %v\n", err)
			return 2
		}
		date = parsed
	}

	sim := atlassim.New(atlassim.Options{
		PublicKey:    *publicKey,
		PrivateKey:   *privateKey,
		ClientID:     *clientID,
		ClientSecret: *clientSecret,
		OrgID:        *orgID,
		Latency:      *latency,
		Transition:   *transition,
		WorldDate:    date,

		Flavor:           flavor,
		GlobalPublicKey:  *globalPublicKey,
		GlobalPrivateKey: *globalPrivateKey,
	})

	// Bind first so the printed URL carries the real port.
	var listener net.Listener
	listener, err = net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "atlas-sim: %v\n", err)
		return 1
	}
	scheme := "http"
	var caFile string
	if *useTLS {
		var cleanup func()
		listener, caFile, cleanup, err = listenTLS(listener, *addr, *tlsHosts)
		if err != nil {
			fmt.Fprintf(stderr, "atlas-sim: -tls: %v\n", err)
			return 1
		}
		defer cleanup()
		scheme = "https"
	}
	baseURL := scheme + "://" + listener.Addr().String() + "/"

	out := bufio.NewWriter(stdout)
	lines := [][2]string{
		{"MONGODB_ATLAS_BASE_URL", baseURL},
		{"MONGODB_ATLAS_PUBLIC_KEY", *publicKey},
		{"MONGODB_ATLAS_PRIVATE_KEY", *privateKey},
		{"MONGODB_ATLAS_CLIENT_ID", *clientID},
		{"MONGODB_ATLAS_CLIENT_SECRET", *clientSecret},
		{"MONGODB_ATLAS_ORG_ID", *orgID},
		{"MONGODB_CLOUD_MANAGER_BASE_URL", baseURL},
	}
	if caFile != "" {
		lines = append(lines, [2]string{"SSL_CERT_FILE", caFile})
	}
	for _, line := range lines {
		fmt.Fprintf(out, "export %s=%s\n", line[0], line[1])
	}
	fmt.Fprintln(out, "atlas-sim ready")
	if err := out.Flush(); err != nil {
		_ = listener.Close()
		fmt.Fprintf(stderr, "atlas-sim: %v\n", err)
		return 1
	}

	server := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	select {
	case err := <-served:
		fmt.Fprintf(stderr, "atlas-sim: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "atlas-sim: shutdown: %v\n", err)
		return 1
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "atlas-sim: %v\n", err)
		return 1
	}
	return 0
}
