package atlas

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestPollIntervalFollowsRateLimitAnswers(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	answer := func(status, remaining, limit int) *http.Response {
		h := http.Header{}
		if limit > 0 {
			h.Set("Ratelimit-Remaining", strconv.Itoa(remaining))
			h.Set("Ratelimit-Limit", strconv.Itoa(limit))
		}
		return &http.Response{StatusCode: status, Header: h}
	}
	steps := []struct {
		name    string
		resp    *http.Response
		advance time.Duration
		want    time.Duration
	}{
		{"no headers yet", answer(200, 0, 0), 0, pollTick},
		{"plenty left", answer(200, 1100, 1200), 0, pollTick},
		{"under a tenth left", answer(200, 100, 1200), 0, pollTickLow},
		{"refilled", answer(200, 600, 1200), 0, pollTick},
		{"a 429", answer(429, 0, 0), 0, pollTickThrottled},
		{"still within the minute after it", answer(200, 900, 1200), 30 * time.Second, pollTickThrottled},
		{"a minute later", answer(200, 900, 1200), 31 * time.Second, pollTick},
	}
	p := newRatePressure()
	p.now = func() time.Time { return now }
	for _, s := range steps {
		now = now.Add(s.advance)
		p.observe(s.resp)
		if got := p.pollInterval(); got != s.want {
			t.Errorf("%s: poll interval %s, want %s", s.name, got, s.want)
		}
	}
}
