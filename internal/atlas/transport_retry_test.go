package atlas

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"
)

const rateLimitedBody = `{"detail":"Rate limit exceeded.","error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","parameters":[],"reason":"Too Many Requests"}`

// failThenSucceed answers status (with optional Retry-After) to the first failures
// requests, then 200.
func failThenSucceed(failures, status int, retryAfter string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= failures {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			body := `{"error":` + strconv.Itoa(status) + `,"errorCode":"UNEXPECTED_ERROR","detail":"try later"}`
			if status == http.StatusTooManyRequests {
				body = rateLimitedBody
			}
			writeJSON(w, status, body)
			return
		}
		writeJSON(w, 200, `{"id":"5f0000000000000000000001","name":"p","orgId":"o"}`)
	}
}

// callByMethod makes one project call with the given method.
func callByMethod(c *Client, method string) error {
	ctx := context.Background()
	var err error
	switch method {
	case http.MethodGet:
		_, err = c.GetProject(ctx, "5f0000000000000000000001")
	case http.MethodPatch:
		_, err = c.UpdateProject(ctx, "5f0000000000000000000001", ProjectUpdate{Name: ptr("n")})
	case http.MethodDelete:
		err = c.DeleteProject(ctx, "5f0000000000000000000001")
	case http.MethodPost:
		_, err = c.CreateProject(ctx, ProjectCreate{Name: "n", OrgID: "o"})
	}
	return err
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name         string
		method       string
		failures     int
		status       int
		retryAfter   string
		wantRequests int
		wantErr      int // expected *Error status, 0 = success
		checkSleeps  func(t *testing.T, d []time.Duration)
	}{
		{
			name: "429 honours Retry-After", method: http.MethodGet, failures: 2, status: 429, retryAfter: "55",
			wantRequests: 3,
			checkSleeps: func(t *testing.T, d []time.Duration) {
				if len(d) != 2 || d[0] != 55*time.Second || d[1] != 55*time.Second {
					t.Errorf("sleeps = %v, want [55s 55s]", d)
				}
			},
		},
		{
			name: "429 on POST is retried (Atlas did not process it)", method: http.MethodPost, failures: 1, status: 429, retryAfter: "3",
			wantRequests: 2,
		},
		{
			name: "429 without Retry-After backs off exponentially with jitter", method: http.MethodGet, failures: 4, status: 429,
			wantRequests: 5,
			checkSleeps: func(t *testing.T, d []time.Duration) {
				// Base 1s doubling, equal jitter: each wait in [base/2, base].
				bases := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
				if len(d) != len(bases) {
					t.Fatalf("sleeps = %v", d)
				}
				for i, base := range bases {
					if d[i] < base/2 || d[i] > base {
						t.Errorf("sleep %d = %s, want within [%s, %s]", i, d[i], base/2, base)
					}
				}
			},
		},
		{name: "503 GET retried", method: http.MethodGet, failures: 2, status: 503, wantRequests: 3},
		{name: "502 PATCH retried", method: http.MethodPatch, failures: 1, status: 502, wantRequests: 2},
		{name: "504 DELETE retried", method: http.MethodDelete, failures: 1, status: 504, wantRequests: 2},
		{name: "503 POST not retried", method: http.MethodPost, failures: 1, status: 503, wantRequests: 1, wantErr: 503},
		{name: "500 not retried", method: http.MethodGet, failures: 1, status: 500, wantRequests: 1, wantErr: 500},
		{name: "404 not retried", method: http.MethodGet, failures: 1, status: 404, wantRequests: 1, wantErr: 404},
		{name: "retries exhausted returns the last error", method: http.MethodGet, failures: 100, status: 503, wantRequests: 9, wantErr: 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{respond: failThenSucceed(tt.failures, tt.status, tt.retryAfter)}
			c, sleeps := newBearerTestClient(t, rec)

			err := callByMethod(c, tt.method)

			if tt.wantErr == 0 && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.wantErr != 0 {
				apiErr, ok := AsError(err)
				if !ok || apiErr.Status != tt.wantErr {
					t.Fatalf("err = %v, want *Error with status %d", err, tt.wantErr)
				}
			}
			if got := rec.count(); got != tt.wantRequests {
				t.Errorf("server saw %d requests, want %d", got, tt.wantRequests)
			}
			if got := len(sleeps.all()); got != tt.wantRequests-1 {
				t.Errorf("sleeps = %d, want %d", got, tt.wantRequests-1)
			}
			for _, r := range rec.all() {
				if r.Method != tt.method {
					t.Errorf("method = %s", r.Method)
				}
				if tt.method == http.MethodPatch || tt.method == http.MethodPost {
					if len(r.Body) == 0 {
						t.Errorf("attempt sent an empty body")
					}
				}
			}
			if tt.checkSleeps != nil {
				tt.checkSleeps(t, sleeps.all())
			}
		})
	}
}

func TestRetryBackoffIsCapped(t *testing.T) {
	rt := newRetryTransport(RetryPolicy{BaseDelay: time.Second, MaxDelay: 5 * time.Second}, nil)
	rt.jitter = func() float64 { return 0.999999 }
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 5 * time.Second, 20: 5 * time.Second} {
		if got := rt.backoff(attempt); got > want || got < want-time.Millisecond {
			t.Errorf("backoff(%d) = %s, want about %s", attempt, got, want)
		}
	}
}

func TestRetryAfterBeyondDeadlineFailsAtOnce(t *testing.T) {
	rec := &recorder{respond: failThenSucceed(100, 429, "3600")}
	c, sleeps := newBearerTestClient(t, rec)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	_, err := c.GetProject(ctx, "5f0000000000000000000001")

	if !HasErrorCode(err, "RATE_LIMITED_TOKEN_BUCKET") {
		t.Fatalf("err = %v, want the 429 *Error", err)
	}
	if rec.count() != 1 || len(sleeps.all()) != 0 {
		t.Errorf("requests = %d, sleeps = %v; want one request and no wait", rec.count(), sleeps.all())
	}
}

func TestRetryStopsWhenContextIsCancelledDuringWait(t *testing.T) {
	rec := &recorder{respond: failThenSucceed(100, 503, "")}
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := newBearerTestClient(t, rec)
	c.httpClient.Transport.(*userAgentTransport).next.(*retryTransport).policy.Sleep = func(context.Context, time.Duration) error {
		cancel()
		return context.Canceled
	}
	_, err := c.GetProject(ctx, "5f0000000000000000000001")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if rec.count() != 1 {
		t.Errorf("requests = %d, want 1", rec.count())
	}
}

// hijackFirst closes the connection of the first `drops` requests without answering.
func hijackFirst(t *testing.T, drops int) *recorder {
	return &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= drops {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			_ = conn.Close()
			return
		}
		writeJSON(w, 200, `{"id":"5f0000000000000000000001","name":"p","orgId":"o"}`)
	}}
}

func TestConnectionResetRetriedForIdempotentMethods(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodPatch, http.MethodDelete} {
		t.Run(method, func(t *testing.T) {
			rec := hijackFirst(t, 1)
			c, sleeps := newBearerTestClient(t, rec)
			if err := callByMethod(c, method); err != nil {
				t.Fatalf("%s: %v", method, err)
			}
			if rec.count() != 2 {
				t.Errorf("requests = %d, want 2", rec.count())
			}
			if len(sleeps.all()) != 1 {
				t.Errorf("sleeps = %v, want one backoff", sleeps.all())
			}
		})
	}
}

func TestConnectionResetNotRetriedForPost(t *testing.T) {
	rec := hijackFirst(t, 1)
	c, sleeps := newBearerTestClient(t, rec)
	err := callByMethod(c, http.MethodPost)
	if err == nil {
		t.Fatal("want an error")
	}
	if _, ok := AsError(err); ok {
		t.Errorf("a connection error must not look like an API answer: %v", err)
	}
	if rec.count() != 1 || len(sleeps.all()) != 0 {
		t.Errorf("requests = %d, sleeps = %v; want exactly one POST", rec.count(), sleeps.all())
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 8, 10, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"55", 55 * time.Second, true},
		{"0", 0, true},
		{"", 0, false},
		{"-3", 0, false},
		{"soon", 0, false},
		{"Mon, 10 Aug 2026 03:00:30 GMT", 30 * time.Second, true},
		{"Mon, 10 Aug 2026 02:59:00 GMT", 0, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}
