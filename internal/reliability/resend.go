package reliability

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// ResendingCreate adapts StandardCases to a resource whose create, after a
// POST with an unknown outcome (500, 502, 503, 504, a connection reset),
// looks the object up and, finding nothing, sends the POST again: those
// create cases converge instead of stopping, and the POST reaches Atlas once
// more than the faults that refused it (once for a reset, which Atlas never
// saw). Database users and access list entries behave this way.
func ResendingCreate(s Subject, cases []Case) []Case {
	target := s.Targets[Create]
	posts := func(want int) func(*testing.T, *acctest.Env) error {
		return func(_ *testing.T, env *acctest.Env) error {
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
	out := make([]Case, 0, len(cases))
	for _, c := range cases {
		if c.Op == Create {
			switch c.Fault {
			case "500", "502", "503", "504":
				c.WantError, c.Recovery, c.StoredAfterFailure = nil, "", 0
				c.Log = posts(2)
			case "reset_before_apply":
				c.WantError, c.Recovery, c.StoredAfterFailure = nil, "", 0
				c.Log = posts(1)
			}
		}
		out = append(out, c)
	}
	return out
}
