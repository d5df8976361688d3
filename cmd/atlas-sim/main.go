// Command atlas-sim serves the Atlas / Cloud Manager API simulator.
//
// It prints `export NAME=value` lines for the provider's environment
// variables, then "atlas-sim ready", and serves until SIGINT or SIGTERM.
// See run.go for the flags.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
