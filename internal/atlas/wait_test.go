package atlas

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// states returns a Refresh that yields the given states in order, then repeats the last.
func states(seq ...string) (func(context.Context) (string, error), *int) {
	calls := 0
	return func(context.Context) (string, error) {
		i := min(calls, len(seq)-1)
		calls++
		return seq[i], nil
	}, &calls
}

func TestWaitImmediateTarget(t *testing.T) {
	refresh, calls := states("IDLE")
	sleeps := &sleepRecorder{}
	got, err := Wait(context.Background(), WaitSpec{
		What: "x", Pending: []string{"CREATING"}, Target: []string{"IDLE"}, Refresh: refresh, Sleep: sleeps.sleep,
	})
	if err != nil || got != "IDLE" {
		t.Fatalf("Wait = %q, %v", got, err)
	}
	if *calls != 1 || len(sleeps.all()) != 0 {
		t.Errorf("calls = %d, sleeps = %v; want one poll and no wait", *calls, sleeps.all())
	}
}

func TestWaitIntervalsGrowAndAreCapped(t *testing.T) {
	seq := []string{}
	for range 8 {
		seq = append(seq, "CREATING")
	}
	refresh, calls := states(append(seq, "IDLE")...)
	sleeps := &sleepRecorder{}
	got, err := Wait(context.Background(), WaitSpec{
		What: "x", Pending: []string{"CREATING"}, Target: []string{"IDLE"}, Refresh: refresh,
		MinInterval: time.Second, MaxInterval: 5 * time.Second, Sleep: sleeps.sleep,
	})
	if err != nil || got != "IDLE" {
		t.Fatalf("Wait = %q, %v", got, err)
	}
	if *calls != 9 {
		t.Errorf("polls = %d, want 9", *calls)
	}
	want := []time.Duration{
		time.Second, time.Second, time.Second, time.Second,
		1500 * time.Millisecond, 2250 * time.Millisecond, 3375 * time.Millisecond, 5 * time.Second,
	}
	if !reflect.DeepEqual(sleeps.all(), want) {
		t.Errorf("sleeps = %v, want %v", sleeps.all(), want)
	}
}

func TestWaitDefaults(t *testing.T) {
	refresh, _ := states("CREATING", "CREATING", "IDLE")
	sleeps := &sleepRecorder{}
	if _, err := Wait(context.Background(), WaitSpec{What: "x", Pending: []string{"CREATING"}, Target: []string{"IDLE"}, Refresh: refresh, Sleep: sleeps.sleep}); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{time.Second, time.Second}; !reflect.DeepEqual(sleeps.all(), want) {
		t.Errorf("sleeps = %v, want %v", sleeps.all(), want)
	}
}

func TestWaitTimeout(t *testing.T) {
	refresh, _ := states("UPDATING")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	// The fake sleep blocks until the deadline, as a real sleep would eventually.
	sleepUntilDone := func(ctx context.Context, d time.Duration) error {
		<-ctx.Done()
		return ctx.Err()
	}
	got, err := Wait(ctx, WaitSpec{
		What: `flex cluster "c1" to become IDLE`, Pending: []string{"UPDATING"}, Target: []string{"IDLE"},
		Refresh: refresh, Sleep: sleepUntilDone,
	})
	var timeout *WaitTimeoutError
	if !errors.As(err, &timeout) {
		t.Fatalf("err = %v (%T), want *WaitTimeoutError", err, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("errors.Is(err, context.DeadlineExceeded) = false")
	}
	if timeout.LastState != "UPDATING" || timeout.What != `flex cluster "c1" to become IDLE` || got != "UPDATING" {
		t.Errorf("timeout = %+v, final state %q", timeout, got)
	}
}

func TestWaitRefreshFailsAtDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	polls := 0
	refresh := func(ctx context.Context) (string, error) {
		polls++
		if polls == 1 {
			return "CREATING", nil
		}
		cancel() // stands in for the deadline passing during an HTTP call
		return "", ctx.Err()
	}
	_, err := Wait(ctx, WaitSpec{What: "x", Pending: []string{"CREATING"}, Target: []string{"IDLE"}, Refresh: refresh, Sleep: (&sleepRecorder{}).sleep})
	// Cancellation is not a timeout: the error is the refresh error, wrapped.
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	var timeout *WaitTimeoutError
	if errors.As(err, &timeout) {
		t.Errorf("a cancelled wait must not be reported as a timeout")
	}
}

func TestWaitUnexpectedState(t *testing.T) {
	refresh, _ := states("CREATING", "DELETING")
	_, err := Wait(context.Background(), WaitSpec{
		What: "x", Pending: []string{"CREATING"}, Target: []string{"IDLE"}, Refresh: refresh, Sleep: (&sleepRecorder{}).sleep,
	})
	var unexpected *UnexpectedStateError
	if !errors.As(err, &unexpected) {
		t.Fatalf("err = %v, want *UnexpectedStateError", err)
	}
	if unexpected.State != "DELETING" || !reflect.DeepEqual(unexpected.Expected, []string{"CREATING", "IDLE"}) {
		t.Errorf("got %+v", unexpected)
	}
}

func TestWaitRefreshError(t *testing.T) {
	apiErr := &Error{Status: 500, ErrorCode: "UNEXPECTED_ERROR"}
	polls := 0
	refresh := func(context.Context) (string, error) {
		polls++
		if polls == 2 {
			return "", apiErr
		}
		return "CREATING", nil
	}
	got, err := Wait(context.Background(), WaitSpec{
		What: "x", Pending: []string{"CREATING"}, Target: []string{"IDLE"}, Refresh: refresh, Sleep: (&sleepRecorder{}).sleep,
	})
	if e, ok := AsError(err); !ok || e != apiErr {
		t.Fatalf("err = %v, want the refresh *Error wrapped", err)
	}
	if polls != 2 || got != "CREATING" {
		t.Errorf("polls = %d, final = %q", polls, got)
	}
}
