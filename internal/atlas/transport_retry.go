package atlas

import (
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// retryTransport is the one place where requests are repeated.
//
//   - 429: for every method, because Atlas refused the request before processing it. The
//     wait is Retry-After when the server sends it, else exponential backoff with jitter.
//   - 502, 503, 504 and connection errors: only for idempotent methods. A POST that may have
//     reached Atlas is never repeated; the caller re-reads by name and adopts what it finds,
//     so a lost response neither duplicates nor orphans a resource.
//
// A wait that would end after the context deadline is not started: the request fails at
// once with the last answer, which explains more than "context deadline exceeded" would.
//
// It sits outside the auth transports, so every attempt gets a fresh digest challenge (a
// challenge is not a retry) or a valid bearer token.
type retryTransport struct {
	policy RetryPolicy // defaults applied
	next   http.RoundTripper
	// jitter returns a value in [0, 1); tests may pin it.
	jitter func() float64
	// pressure sees every answer, for the pace of waits.
	pressure *ratePressure
}

func newRetryTransport(policy RetryPolicy, next http.RoundTripper) *retryTransport {
	return &retryTransport{policy: policy.withDefaults(), next: next, jitter: rand.Float64, pressure: newRatePressure()}
}

// attemptKey carries the attempt number (1-based) to the logging transport.
type attemptKey struct{}

func attemptFromContext(ctx context.Context) int {
	if n, ok := ctx.Value(attemptKey{}).(int); ok {
		return n
	}
	return 1
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 1; ; attempt++ {
		attemptReq, err := requestForAttempt(req, attempt)
		if err != nil {
			return nil, err
		}
		resp, err := t.next.RoundTrip(attemptReq)
		t.pressure.observe(resp)

		retryable, wait := t.classify(req, resp, err, attempt)
		if !retryable || attempt > t.policy.MaxRetries || !fitsDeadline(ctx, wait) || !canReplay(req) {
			return resp, err
		}

		fields := map[string]any{
			"method":       req.Method,
			"path":         req.URL.EscapedPath(),
			"attempt":      attempt,
			"wait_seconds": wait.Seconds(),
		}
		if err != nil {
			fields["error"] = err.Error()
		} else {
			fields["status"] = resp.StatusCode
			discardBody(resp)
		}
		tflog.Debug(ctx, "Atlas request will be retried", fields)

		if sleepErr := t.policy.Sleep(ctx, wait); sleepErr != nil {
			return nil, sleepErr
		}
	}
}

// classify decides whether an attempt's outcome is worth another attempt and how long to
// wait before it.
func (t *retryTransport) classify(req *http.Request, resp *http.Response, err error, attempt int) (bool, time.Duration) {
	if err != nil {
		if isIdempotent(req.Method) && isConnectionError(req.Context(), err) {
			return true, t.backoff(attempt)
		}
		return false, 0
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true, t.serverWait(resp, attempt)
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if isIdempotent(req.Method) {
			return true, t.serverWait(resp, attempt)
		}
	}
	return false, 0
}

// serverWait honours Retry-After as sent (it is the server's statement of when capacity
// returns; waiting less only earns another 429), else backs off.
func (t *retryTransport) serverWait(resp *http.Response, attempt int) time.Duration {
	if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		return d
	}
	return t.backoff(attempt)
}

// backoff is BaseDelay doubled per attempt and capped at MaxDelay, with "equal jitter":
// a uniformly random value in [d/2, d), so pipelines sharing a rate limit spread out but
// never retry immediately.
func (t *retryTransport) backoff(attempt int) time.Duration {
	d := t.policy.BaseDelay
	for i := 1; i < attempt && d < t.policy.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, t.policy.MaxDelay)
	half := d / 2
	return half + time.Duration(t.jitter()*float64(d-half))
}

// maxRetryAfterSeconds is the longest delta-seconds Retry-After a time.Duration can
// hold. Longer values are capped: multiplied out they would overflow into a negative
// wait, and a negative wait means retrying at once, in a tight loop against the very
// rate limit that asked us to wait. (A capped wait never fits a deadline, so the
// request then fails with Atlas's answer.)
// It is an int64 so that it also fits the 32-bit release targets, where int is 32 bits.
const maxRetryAfterSeconds = int64(math.MaxInt64 / int64(time.Second))

// parseRetryAfter reads delta-seconds or an HTTP date.
func parseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	if value == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, maxRetryAfterSeconds)) * time.Second, true
	}
	if when, err := http.ParseTime(value); err == nil {
		return max(when.Sub(now), 0), true
	}
	return 0, false
}

func fitsDeadline(ctx context.Context, wait time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) > wait
}

// isIdempotent lists the methods that may be repeated after a server or connection failure.
func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// isConnectionError reports failures of the connection itself, as opposed to the caller
// giving up (context) or a local problem such as a bad digest challenge.
func isConnectionError(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	// "No such host" is the DNS server's answer, not a lost connection: repeating the
	// question only delays the error that names the host.
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr)
}

// canReplay reports whether the request body can be sent again.
func canReplay(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// requestForAttempt gives each attempt its own request with a fresh body and the attempt
// number in its context, leaving the caller's request untouched.
func requestForAttempt(req *http.Request, attempt int) (*http.Request, error) {
	out := req.Clone(context.WithValue(req.Context(), attemptKey{}, attempt))
	if attempt > 1 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		out.Body = body
	}
	return out, nil
}

// discardBody drains a little of a response we are about to drop so its connection can be
// reused, then closes it.
func discardBody(resp *http.Response) {
	_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
	_ = resp.Body.Close()
}
