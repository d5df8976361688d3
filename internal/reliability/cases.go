package reliability

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// Failures gives, for a read, update or delete that stops (a create converges
// on every fault but a refused token), the pattern its diagnostic
// must match; cause is a pattern for the underlying failure (e.g. "HTTP 500").
type Failures func(op Operation, cause string) *regexp.Regexp

// StandardCases is the part of the matrix every resource type shares: the
// faults whose outcome follows from the retry policy alone.
//
//   - 429, with and without Retry-After: retried for every method; converges.
//   - 500: not retried for read, update and delete; the operation stops with
//     Atlas's error and advice.
//   - 502, 503, 504 and connection failures: retried for GET, PATCH and
//     DELETE.
//   - the create POST answered 5xx, or its connection reset: not repeated
//     blindly; the resource is looked up by name, found absent, and the POST
//     is sent again: the create converges, and the POST reached Atlas once
//     more than the faults that refused it (once in all after a reset, which
//     Atlas never saw).
//   - a response lost after Atlas applied the request: GET/PATCH/DELETE are
//     retried; the create is adopted (warning) instead of repeated.
//   - the token endpoint answering 429 (retried) or 401 (stops, naming the
//     service account credentials), at the first token of the run for
//     create, and at a renewal forced by a 401 on the operation's request
//     for the others.
func StandardCases(s Subject, fail Failures) []Case {
	var cases []Case
	recovery := map[Operation]plancheck.ResourceActionType{
		Create: plancheck.ResourceActionCreate,
		Read:   plancheck.ResourceActionNoop,
		Update: plancheck.ResourceActionUpdate,
		Delete: plancheck.ResourceActionNoop,
	}
	stored := map[Operation]int{Create: 0, Read: 1, Update: 1, Delete: 1}
	stops := func(c Case, cause string) Case {
		c.WantError = fail(c.Op, cause)
		c.Recovery = recovery[c.Op]
		c.StoredAfterFailure = stored[c.Op]
		return c
	}
	for _, op := range []Operation{Create, Read, Update, Delete} {
		target := s.Targets[op]
		statusSeen := func(method, path string, status, n int) func(*testing.T, *acctest.Env) error {
			return func(_ *testing.T, env *acctest.Env) error {
				if got := Count(env, method, path, status); got < n {
					return fmt.Errorf("%s %s answered %d %d times, want at least %d: the fault did not happen", method, path, status, got, n)
				}
				return nil
			}
		}
		// A create must never send its POST twice, whatever happened to the first.
		postedOnce := func(want int, more func(*testing.T, *acctest.Env) error) func(*testing.T, *acctest.Env) error {
			return func(t *testing.T, env *acctest.Env) error {
				if more != nil {
					if err := more(t, env); err != nil {
						return err
					}
				}
				if op != Create {
					return nil
				}
				n := 0
				for _, r := range env.Sim.Requests() {
					if r.Method == http.MethodPost && r.Status != http.StatusTooManyRequests && r.Status != http.StatusUnauthorized &&
						atlassim.PathMatches(target.Path, r.Path) {
						n++
					}
				}
				if n != want {
					return fmt.Errorf("the create POST reached Atlas %d times, want %d", n, want)
				}
				return nil
			}
		}

		cases = append(cases,
			Case{Op: op, Fault: "429_retry_after", Faults: []atlassim.Fault{{Status: 429, RetryAfter: 1}},
				Log: postedOnce(1, statusSeen(target.Method, target.Path, 429, 1))},
			Case{Op: op, Fault: "429_backoff", Faults: []atlassim.Fault{{Status: 429, Count: 2}},
				Log: postedOnce(1, statusSeen(target.Method, target.Path, 429, 2))},
			Case{Op: op, Fault: "dropped_after_apply", Faults: []atlassim.Fault{{DropResponse: true}},
				Log: postedOnce(1, statusSeen(target.Method, target.Path, 0, 1))},
		)
		if op == Create {
			// Nothing was created, so the POST is sent again and the create converges.
			for _, status := range []int{500, 502, 503, 504} {
				cases = append(cases, Case{Op: op, Fault: fmt.Sprint(status), Faults: []atlassim.Fault{{Status: status}},
					Log: postedOnce(2, statusSeen(target.Method, target.Path, status, 1))})
			}
			cases = append(cases,
				Case{Op: op, Fault: "502_503_504", Faults: []atlassim.Fault{{Status: 502}, {Status: 503}, {Status: 504}},
					Log: postedOnce(4, statusSeen(target.Method, target.Path, 504, 1))},
				Case{Op: op, Fault: "reset_before_apply", ResetBeforeApply: true, Log: postedOnce(1, nil)},
				Case{Op: op, Fault: "token_429", Kind: acctest.ServiceAccount,
					Faults: []atlassim.Fault{{Method: http.MethodPost, Path: TokenPath, Status: 429, RetryAfter: 1}},
					Log:    postedOnce(1, statusSeen(http.MethodPost, TokenPath, 429, 1))},
				Case{Op: op, Fault: "token_401", Kind: acctest.ServiceAccount,
					Faults:    []atlassim.Fault{{Method: http.MethodPost, Path: TokenPath, Status: 401}},
					WantError: regexp.MustCompile(`(?s)MongoDB Atlas rejected the service account credentials.*HTTP\s+401.*Check\s+client_id\s+and\s+client_secret`),
					Recovery:  plancheck.ResourceActionCreate,
					Log:       postedOnce(0, statusSeen(http.MethodPost, TokenPath, 401, 1))},
			)
			continue
		}
		cases = append(cases, stops(Case{Op: op, Fault: "500", Faults: []atlassim.Fault{{Status: 500}},
			Log: statusSeen(target.Method, target.Path, 500, 1)}, `HTTP\s+500`))
		// 502, 503 and 504 in a row on the same request: each is retried.
		cases = append(cases,
			Case{Op: op, Fault: "502_503_504", Faults: []atlassim.Fault{{Status: 502}, {Status: 503}, {Status: 504}},
				Log: func(t *testing.T, env *acctest.Env) error {
					for _, status := range []int{502, 503, 504} {
						if err := statusSeen(target.Method, target.Path, status, 1)(t, env); err != nil {
							return err
						}
					}
					return nil
				}},
			// The renewal is forced by a 401 on the operation's own request.
			Case{Op: op, Fault: "token_429", Kind: acctest.ServiceAccount,
				Faults: []atlassim.Fault{{Status: 401}, {Method: http.MethodPost, Path: TokenPath, Status: 429, RetryAfter: 1}},
				Log:    statusSeen(http.MethodPost, TokenPath, 429, 1)},
			stops(Case{Op: op, Fault: "token_401", Kind: acctest.ServiceAccount,
				Faults: []atlassim.Fault{{Status: 401}, {Method: http.MethodPost, Path: TokenPath, Status: 401}},
				Log:    statusSeen(http.MethodPost, TokenPath, 401, 1)}, `POST\s+/api/oauth/token:\s+HTTP\s+401`),
		)
		if op != Read { // a GET has nothing to apply: the reset and the lost answer are the same fault
			cases = append(cases, Case{Op: op, Fault: "reset_before_apply", ResetBeforeApply: true})
		}
	}
	return append(cases, expiredToken(s.CreateWaits))
}

// expiredToken runs a create whose wait (6 s) outlasts the service
// account's 4-second tokens: the client renews them before they expire, so
// Atlas never answers 401, and the apply converges. The token endpoint's own
// rate limit is raised: this case is about expiry, token_429 about the limit.
//
// A subject whose create does not wait (a project) gets the case on a
// refresh instead, started after the 2-second token of the create has expired.
func expiredToken(createWaits bool) Case {
	op, minTokens, lifetime, transition := Create, 2, 4*time.Second, 6*time.Second
	var setup func(*acctest.Env) error
	if !createWaits {
		op, minTokens, lifetime, transition = Read, 1, 2*time.Second, 0
		setup = func(*acctest.Env) error {
			time.Sleep(lifetime + 500*time.Millisecond) // setup, not an assertion: the cached token has now expired
			return nil
		}
	}
	return Case{Op: op, Fault: "expired_token", Kind: acctest.ServiceAccount, Setup: setup,
		EnvOptions: []func(*atlassim.Options){func(o *atlassim.Options) {
			o.TokenLifetime = lifetime
			o.Transition = transition
			o.RateLimits.Buckets = map[atlassim.EndpointSet]atlassim.Bucket{atlassim.EndpointSetOAuthToken: {Capacity: 100, Refill: 100, Period: time.Minute}}
		}},
		Log: func(_ *testing.T, env *acctest.Env) error {
			tokens, calls, rejected := 0, 0, 0
			for _, r := range env.Sim.Requests() {
				switch {
				case r.Path == TokenPath && r.Status == http.StatusOK:
					tokens++
				case r.Path == TokenPath:
				case r.Status == http.StatusUnauthorized:
					rejected++
				default:
					calls++
				}
			}
			// At least two tokens for a create: renewed during its wait. Fewer
			// tokens than calls: not one per request (what renewing a minute
			// early does to tokens that live less than a minute). No 401:
			// renewed before Atlas saw one expire.
			if tokens < minTokens || tokens >= calls || rejected != 0 {
				return fmt.Errorf("%d tokens issued for %d API requests, %d requests rejected with 401; "+
					"want at least %d tokens, fewer tokens than requests, and no rejection", tokens, calls, rejected, minTokens)
			}
			return nil
		}}
}
