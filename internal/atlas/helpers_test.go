package atlas

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"
)

// recordedRequest is what a fake server saw.
type recordedRequest struct {
	Method      string
	EscapedPath string
	Query       string
	Header      http.Header
	Body        []byte
}

// recorder is an http.Handler that records every request and answers with respond
// (or 200 "{}" when respond is nil).
type recorder struct {
	mu       sync.Mutex
	requests []recordedRequest
	respond  func(w http.ResponseWriter, r *http.Request, n int) // n is the 1-based request number
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.requests = append(rec.requests, recordedRequest{
		Method:      r.Method,
		EscapedPath: r.URL.EscapedPath(),
		Query:       r.URL.RawQuery,
		Header:      r.Header.Clone(),
		Body:        body,
	})
	n := len(rec.requests)
	rec.mu.Unlock()
	if rec.respond == nil {
		writeJSON(w, http.StatusOK, "{}")
		return
	}
	rec.respond(w, r, n)
}

func (rec *recorder) all() []recordedRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recordedRequest(nil), rec.requests...)
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.requests)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// sleepRecorder is a fake RetryPolicy/WaitSpec Sleep: it returns at once and remembers
// what it was asked to wait.
type sleepRecorder struct {
	mu        sync.Mutex
	durations []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.durations = append(s.durations, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.durations...)
}

// newBearerTestClient returns a client with an access token against a fresh fake server.
func newBearerTestClient(t *testing.T, handler http.Handler) (*Client, *sleepRecorder) {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	sleeps := &sleepRecorder{}
	c, err := NewClient(Config{
		BaseURL:             srv.URL + "/",
		CloudManagerBaseURL: srv.URL + "/",
		Credentials:         Credentials{AccessToken: "test-access-token"},
		UserAgent:           "test-agent/1.0",
		Retry:               RetryPolicy{Sleep: sleeps.sleep},
	})
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c, sleeps
}

// assertJSONEqual compares two JSON documents by value.
func assertJSONEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expected JSON %q: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body = %s, want %s", got, want)
	}
}

func ptr[T any](v T) *T { return &v }
