package atlas

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// WaitSpec describes one wait for an asynchronous Atlas operation.
type WaitSpec struct {
	What        string                                              // for logs and errors, e.g. `flex cluster "c1" in project 5f.. to become IDLE`
	Pending     []string                                            // states that mean "keep polling"
	Target      []string                                            // states that end the wait successfully
	Refresh     func(ctx context.Context) (state string, err error) // an error stops the wait and is returned (wrapped)
	MinInterval time.Duration                                       // default 1s: first poll at once, then MinInterval four times, growing x1.5 ...
	MaxInterval time.Duration                                       // ... up to MaxInterval (default 10s)
	Sleep       func(ctx context.Context, d time.Duration) error    // nil = real; tests inject
}

const (
	defaultWaitMinInterval = time.Second
	defaultWaitMaxInterval = 10 * time.Second
	// steadyWaits is how many waits stay at MinInterval before the backoff starts. Flex
	// clusters usually change state within a few seconds; polling every second over that
	// stretch ends the wait about a second after Atlas does instead of several, and costs
	// only a handful of GETs.
	steadyWaits = 4
)

// WaitTimeoutError reports that the context deadline passed before a target state.
// errors.Is(err, context.DeadlineExceeded) is true for it.
type WaitTimeoutError struct {
	What      string
	LastState string
	Elapsed   time.Duration
}

func (e *WaitTimeoutError) Error() string {
	last := e.LastState
	if last == "" {
		last = "unknown"
	}
	return fmt.Sprintf("timed out after %s waiting for %s (last state: %s)", e.Elapsed.Round(time.Second), e.What, last)
}

func (e *WaitTimeoutError) Unwrap() error { return context.DeadlineExceeded }

// UnexpectedStateError reports a state that is neither pending nor a target, e.g. a cluster
// that went from CREATING to DELETING.
type UnexpectedStateError struct {
	What     string
	State    string
	Expected []string
}

func (e *UnexpectedStateError) Error() string {
	return fmt.Sprintf("while waiting for %s: unexpected state %q (expected one of %s)", e.What, e.State, strings.Join(e.Expected, ", "))
}

// Wait polls spec.Refresh until it returns a Target state, an error, a state that is in
// neither list, or the context deadline passes. The first poll is immediate; the next
// steadyWaits polls come every MinInterval, later ones back off to MaxInterval, so short
// operations finish quickly and long ones cost few API calls. The only time limit is the context's.
func Wait(ctx context.Context, spec WaitSpec) (finalState string, err error) {
	interval := spec.MinInterval
	if interval <= 0 {
		interval = defaultWaitMinInterval
	}
	maxInterval := spec.MaxInterval
	if maxInterval <= 0 {
		maxInterval = defaultWaitMaxInterval
	}
	maxInterval = max(maxInterval, interval)
	sleep := spec.Sleep
	if sleep == nil {
		sleep = sleepContext
	}

	start := time.Now()
	lastState := ""
	timedOut := func() error {
		return &WaitTimeoutError{What: spec.What, LastState: lastState, Elapsed: time.Since(start)}
	}

	for poll := 1; ; poll++ {
		state, err := spec.Refresh(ctx)
		if err != nil {
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return lastState, timedOut()
			}
			return lastState, fmt.Errorf("while waiting for %s: %w", spec.What, err)
		}
		lastState = state
		tflog.Debug(ctx, "Waiting for Atlas", map[string]any{
			"what":            spec.What,
			"state":           state,
			"poll":            poll,
			"elapsed_seconds": time.Since(start).Seconds(),
		})

		switch {
		case slices.Contains(spec.Target, state):
			return state, nil
		case !slices.Contains(spec.Pending, state):
			return state, &UnexpectedStateError{What: spec.What, State: state, Expected: append(slices.Clone(spec.Pending), spec.Target...)}
		}

		if err := sleep(ctx, interval); err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return lastState, timedOut()
			}
			return lastState, fmt.Errorf("while waiting for %s: %w", spec.What, err)
		}
		if poll >= steadyWaits {
			interval = min(interval*3/2, maxInterval)
		}
	}
}
