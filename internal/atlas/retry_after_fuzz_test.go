package atlas

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

// FuzzParseRetryAfter: whatever a server puts in Retry-After, an accepted value
// is a wait that is never negative (a negative wait would retry at once, in a
// tight loop against a rate limit), delta-seconds mean exactly that many seconds,
// and HTTP dates count from now.
func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, seed := range []string{
		"", "0", "1", "120", "-1", "+5", " 5", "5 ", "1.5", "abc",
		"9223372036854775807", "9223372037", "99999999999999999999",
		"Sun, 01 Mar 2026 12:00:30 GMT", "Sun, 01 Mar 2026 11:00:00 GMT",
		"Sunday, 01-Mar-26 12:00:30 GMT", "Sun Mar  1 12:00:30 2026",
		"Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, value string) {
		d, ok := parseRetryAfter(value, now)
		if !ok {
			if d != 0 {
				t.Fatalf("refused %q but returned %v", value, d)
			}
			return
		}
		if d < 0 {
			t.Fatalf("Retry-After %q gave a negative wait %v", value, d)
		}
		if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
			if secs < 0 {
				t.Fatalf("negative Retry-After %q accepted", value)
			}
			if secs <= maxRetryAfterSeconds && d != time.Duration(secs)*time.Second {
				t.Fatalf("Retry-After %q gave %v", value, d)
			}
			if secs > maxRetryAfterSeconds && d != time.Duration(maxRetryAfterSeconds)*time.Second {
				t.Fatalf("Retry-After %q gave %v, want the cap", value, d)
			}
			return
		}
		if when, err := http.ParseTime(value); err == nil {
			want := max(when.Sub(now), 0)
			if d != want {
				t.Fatalf("Retry-After %q gave %v, want %v", value, d, want)
			}
			return
		}
		t.Fatalf("Retry-After %q accepted although it is neither delta-seconds nor an HTTP date", value)
	})
}
