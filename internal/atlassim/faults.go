package atlassim

import (
	"net/http"
	"strings"
	"time"
)

// Fault makes the next Count requests that match Method and Path fail.
// It is also the JSON body of POST /__sim/faults.
//
//   - Path is matched segment by segment against the request path (no query);
//     "*" matches exactly one segment.
//   - Method "" matches any method.
//   - DelayMS is slept first (also when Status is 0: a pure delay).
//   - DropResponse: the request is applied normally, then the connection is
//     closed without any response (the client sees a transport error).
//     It takes precedence over Status.
//   - Status (when not 0) is answered instead of handling the request, with
//     an Atlas error body whose errorCode fits the status (OAuth-shaped on
//     /api/oauth/*), and Retry-After when RetryAfter > 0.
//   - Count <= 0 counts as 1.
//
// Faults only see requests that passed authentication (so the unauthenticated
// first leg of HTTP Digest does not use one up), plus all requests to the
// OAuth token and revoke endpoints.
type Fault struct {
	Method       string `json:"method"`
	Path         string `json:"path"`
	Status       int    `json:"status"`
	RetryAfter   int    `json:"retry_after"`
	Count        int    `json:"count"`
	DelayMS      int    `json:"delay_ms"`
	DropResponse bool   `json:"drop_response"`
}

func (f Fault) matches(method, path string) bool {
	if f.Method != "" && !strings.EqualFold(f.Method, method) {
		return false
	}
	return PathMatches(f.Path, path)
}

// PathMatches reports whether path matches a fault's path pattern, in which "*" stands
// for exactly one segment.
func PathMatches(pattern, path string) bool {
	want := strings.Split(strings.Trim(pattern, "/"), "/")
	got := strings.Split(strings.Trim(path, "/"), "/")
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i] != "*" && want[i] != got[i] {
			return false
		}
	}
	return true
}

// AddFault queues a fault; see Fault for the semantics.
func (s *Server) AddFault(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault consumes one use of the first fault matching the request.
func (s *Server) takeFault(method, path string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if !f.matches(method, path) {
			continue
		}
		taken := *f
		f.Count--
		if f.Count <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return &taken
	}
	return nil
}

// withFaults runs serve unless a fault says otherwise.
func (s *Server) withFaults(w http.ResponseWriter, r *http.Request, serve func(http.ResponseWriter)) {
	f := s.takeFault(r.Method, r.URL.Path)
	if f == nil {
		serve(w)
		return
	}
	if f.DelayMS > 0 {
		sleepCtx(r.Context(), time.Duration(f.DelayMS)*time.Millisecond)
	}
	switch {
	case f.DropResponse:
		serve(&discardWriter{header: http.Header{}})
		dropConnection(w)
	case f.Status != 0:
		writeFault(w, r, f)
	default:
		serve(w)
	}
}

func writeFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	if strings.HasPrefix(r.URL.Path, "/api/oauth/") {
		code := "server_error"
		if f.Status == http.StatusTooManyRequests {
			code = "rate_limited"
		}
		writeOAuthError(w, f.Status, code, "Injected fault: "+http.StatusText(f.Status)+".", f.RetryAfter)
		return
	}
	e := newError(f.Status, errorCodeForStatus(f.Status), "Injected fault: "+http.StatusText(f.Status)+".")
	e.retryAfter = f.RetryAfter
	writeAPIError(w, e, renderOptionsFrom(r))
}

// dropConnection closes the client connection without writing a response.
// Hijacking works for HTTP/1.x; otherwise net/http's ErrAbortHandler panic
// aborts the stream, which is the documented way to do the same.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

// discardWriter swallows the response of a request whose answer is dropped.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}
