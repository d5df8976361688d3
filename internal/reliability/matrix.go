// Package reliability runs the fault matrix of the acceptance tests: every
// operation of a resource type (create, read, update, delete) under every
// fault Atlas or the network can produce, with a real Terraform CLI against
// the simulator. A case passes when the apply converges to the configuration,
// or stops with the expected diagnostic; in both cases the simulator must
// hold exactly what the Terraform state says (no duplicate, nothing orphaned).
//
// The resource packages describe themselves with a Subject and list their
// cases with StandardCases plus their own; Run turns each case into a
// parallel subtest named "<operation>/<fault>".
package reliability

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// Operation is the resource operation a fault hits.
type Operation string

const (
	Create Operation = "create"
	Read   Operation = "read"
	Update Operation = "update"
	Delete Operation = "delete"
)

// Target is the request of an operation that faults are injected into.
type Target struct {
	Method string
	Path   string // simulator fault pattern, "*" = one segment
}

// TokenPath is the service-account token endpoint.
const TokenPath = "/api/oauth/token"

// Subject describes one resource type to the matrix.
type Subject struct {
	Address string // e.g. "mongodbatlas_flex_cluster.test"
	// Config returns the whole configuration (provider block included).
	// updated selects the changed variant used by update cases; extra goes
	// inside the resource block under test (timeouts).
	Config  func(env *acctest.Env, kind string, updated bool, extra string) string
	Targets map[Operation]Target
	// Consistent compares the simulator with the Terraform state: every
	// object of this type in the simulator is in state and vice versa.
	Consistent Consistency
	// Stored counts the objects of this type the simulator holds (DELETING
	// ones included), for the steps after a failure, where the harness has
	// no state to compare with.
	Stored func(env *acctest.Env) int
	// Updated checks that the simulator holds the updated variant.
	Updated func(env *acctest.Env) error
	// CreateWaits is true when a create waits for Atlas to finish (an
	// asynchronous state change), so a run can outlast a token during it.
	CreateWaits bool
	// EnvOptions apply to every case (world date...).
	EnvOptions []func(*atlassim.Options)
}

// Case is one cell of the matrix.
type Case struct {
	Op    Operation
	Fault string // short name, e.g. "429_retry_after"

	// Faults are injected right before the operation. An empty Method or
	// Path is taken from the subject's target for Op.
	Faults []atlassim.Fault
	// ResetBeforeApply closes the connection of the operation's first
	// matching request before the simulator sees it (the simulator's own
	// drop_response always applies the request first).
	ResetBeforeApply bool

	Kind       string // credentials; "" = API key
	EnvOptions []func(*atlassim.Options)
	Extra      string                       // inside the resource block while the fault is active
	Setup      func(env *acctest.Env) error // runs right before the operation, after the request log is cleared

	// WantError is nil when the operation must converge; else the pattern
	// the diagnostic must match.
	WantError *regexp.Regexp
	// After a failure: the number of objects the simulator must hold, and
	// the action the next plan (same configuration, no fault) must show for
	// the resource: together they prove state and simulator agree.
	StoredAfterFailure int
	Recovery           plancheck.ResourceActionType
	RecoveryExtra      string // inside the resource block for the recovery apply
	// RecoveryDestroy makes the step after a failed delete a second destroy
	// (what the diagnostic tells the user to run) instead of an apply.
	RecoveryDestroy bool

	// Log checks the simulator's request log after the operation: it proves
	// the fault really happened (and e.g. that a POST was not repeated).
	Log func(t *testing.T, env *acctest.Env) error
}

// Name is the subtest name.
func (c Case) Name() string { return string(c.Op) + "/" + c.Fault }

// Env is a simulator behind a proxy that can reset connections, private to one case.
type Env struct {
	*acctest.Env
	resets *resetter
}

// NewEnv starts a simulator like acctest.NewEnv does, behind a resetter.
func NewEnv(t *testing.T, opts ...func(*atlassim.Options)) *Env {
	t.Helper()
	o := atlassim.Options{AccessTokens: []string{TestToken}}
	for _, f := range opts {
		f(&o)
	}
	sim := atlassim.New(o)
	rs := &resetter{next: sim}
	srv := httptest.NewServer(rs)
	t.Cleanup(srv.Close)
	return &Env{Env: &acctest.Env{Sim: sim, URL: srv.URL + "/", OrgID: atlassim.DefaultOrgID}, resets: rs}
}

// TestToken is a static Bearer token the matrix's simulators accept, for
// requests the tests send themselves.
const TestToken = "reliability-test-token"

// ResetNext makes the next count authenticated requests matching method and
// path lose their connection before reaching the simulator.
func (e *Env) ResetNext(method, path string, count int) {
	e.resets.arm(atlassim.Fault{Method: method, Path: path, Count: count})
}

// ResetsPending is how many armed resets have not happened yet.
func (e *Env) ResetsPending() int { return e.resets.pending() }

type resetter struct {
	next http.Handler
	mu   sync.Mutex
	arms []atlassim.Fault
}

func (r *resetter) arm(f atlassim.Fault) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.arms = append(r.arms, f)
}

func (r *resetter) pending() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, f := range r.arms {
		n += f.Count
	}
	return n
}

func (r *resetter) take(req *http.Request) bool {
	// Only requests that carry credentials: the unauthenticated first leg of
	// HTTP Digest is not the request the client means to send.
	if req.Header.Get("Authorization") == "" {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.arms {
		f := &r.arms[i]
		if f.Count > 0 && strings.EqualFold(f.Method, req.Method) && atlassim.PathMatches(f.Path, req.URL.Path) {
			f.Count--
			return true
		}
	}
	return false
}

func (r *resetter) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if !r.take(req) {
		r.next.ServeHTTP(w, req)
		return
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// Count counts logged requests with this method and status whose path matches pattern.
func Count(env *acctest.Env, method, pattern string, status int) int {
	n := 0
	for _, r := range env.Sim.Requests() {
		if r.Method == method && r.Status == status && atlassim.PathMatches(pattern, r.Path) {
			n++
		}
	}
	return n
}

// Run runs every case as a parallel subtest of t.
func Run(t *testing.T, subject Subject, cases []Case) {
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Name()] {
			t.Fatalf("duplicate case %s", c.Name())
		}
		seen[c.Name()] = true
		t.Run(c.Name(), func(t *testing.T) { runCase(t, subject, c) })
	}
}

func runCase(t *testing.T, subject Subject, c Case) {
	env := NewEnv(t, append(append([]func(*atlassim.Options){}, subject.EnvOptions...), c.EnvOptions...)...)
	kind := c.Kind
	if kind == "" {
		kind = acctest.APIKey
	}
	target := subject.Targets[c.Op]
	arm := func() {
		env.Sim.ResetRequests()
		for _, f := range c.Faults {
			if f.Method == "" {
				f.Method = target.Method
			}
			if f.Path == "" {
				f.Path = target.Path
			}
			env.Sim.AddFault(f)
		}
		if c.ResetBeforeApply {
			env.ResetNext(target.Method, target.Path, 1)
		}
		if c.Setup != nil {
			if err := c.Setup(env.Env); err != nil {
				t.Error(err)
			}
		}
	}
	consistent := func(s *terraform.State) error { return subject.Consistent(env.Env, s) }
	logged := func() error {
		if c.ResetBeforeApply && env.ResetsPending() != 0 {
			return fmt.Errorf("the connection reset before %s %s never happened", target.Method, target.Path)
		}
		if c.Log != nil {
			return c.Log(t, env.Env)
		}
		return nil
	}
	withLog := func(check resource.TestCheckFunc) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			if err := check(s); err != nil {
				return err
			}
			return logged()
		}
	}

	faulted := subject.Config(env.Env, kind, c.Op == Update, c.Extra)
	var steps []resource.TestStep
	if c.Op != Create {
		steps = append(steps, resource.TestStep{Config: subject.Config(env.Env, kind, false, c.Extra), Check: consistent})
	}
	step := resource.TestStep{Config: faulted, ExpectError: c.WantError}
	step.PreConfig = arm
	switch c.Op {
	case Create:
		step.Check = withLog(consistent)
	case Read:
		step.Config = ""
		step.RefreshState = true
		step.Check = withLog(consistent)
	case Update:
		step.Check = withLog(func(s *terraform.State) error {
			if err := consistent(s); err != nil {
				return err
			}
			return subject.Updated(env.Env)
		})
	case Delete:
		step.Destroy = true
	}
	steps = append(steps, step)

	recoveryConfig := subject.Config(env.Env, kind, c.Op == Update, c.RecoveryExtra)
	checkStored := func(want int) func() {
		return func() {
			if err := logged(); err != nil {
				t.Error(err)
			}
			if n := subject.Stored(env.Env); n != want {
				t.Errorf("after the %s the simulator holds %d objects, want %d", c.Op, n, want)
			}
		}
	}
	destroyed := resource.TestStep{PreConfig: checkStored(0), Config: recoveryConfig, PlanOnly: true, ExpectNonEmptyPlan: true}
	switch {
	case c.WantError != nil && c.RecoveryDestroy:
		steps = append(steps,
			resource.TestStep{PreConfig: checkStored(c.StoredAfterFailure), Config: recoveryConfig, Destroy: true},
			destroyed)
	case c.WantError != nil:
		// The failure left the simulator and the state in agreement: the
		// simulator holds what it should, the next plan shows the action that
		// matches (create: not in state; no-op/update: in state; replace:
		// in state, tainted), and applying it converges.
		steps = append(steps, resource.TestStep{
			PreConfig: checkStored(c.StoredAfterFailure),
			Config:    recoveryConfig,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(subject.Address, c.Recovery),
			}},
			Check: consistent,
		})
	case c.Op == Delete:
		steps = append(steps, destroyed)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			if n := len(env.Sim.Projects()); n != 0 {
				return fmt.Errorf("%d projects left in the simulator after destroy", n)
			}
			if n := len(env.Sim.CloudManagerProjects()); n != 0 {
				return fmt.Errorf("%d Cloud Manager projects left in the simulator after destroy", n)
			}
			return nil
		},
		Steps: steps,
	})
}

// Words turns a phrase into a pattern that matches it across the line breaks
// Terraform puts into long diagnostics.
func Words(phrase string) string {
	parts := strings.Fields(phrase)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, `\s+`)
}

// Consistency is a Subject.Consistent check: it compares the simulator with the state.
type Consistency func(env *acctest.Env, s *terraform.State) error

// SameKeys checks that the instances of resourceType in state, each named by stateKey
// from its attributes, are exactly the objects simKeys finds in the simulator.
func SameKeys(resourceType string, stateKey func(attrs map[string]string) string, simKeys func(env *acctest.Env) ([]string, error)) Consistency {
	return func(env *acctest.Env, s *terraform.State) error {
		var inState []string
		for _, rs := range s.RootModule().Resources {
			if rs.Type == resourceType {
				inState = append(inState, stateKey(rs.Primary.Attributes))
			}
		}
		inSim, err := simKeys(env)
		if err != nil {
			return err
		}
		slices.Sort(inState)
		slices.Sort(inSim)
		if !slices.Equal(inState, inSim) {
			return fmt.Errorf("simulator and state disagree: %s in state %v, in the simulator %v", resourceType, inState, inSim)
		}
		return nil
	}
}

// SameIDs is SameKeys for resource types whose state id is the simulator's id.
func SameIDs(resourceType string, ids func(env *acctest.Env) []string) Consistency {
	return SameKeys(resourceType, func(attrs map[string]string) string { return attrs["id"] },
		func(env *acctest.Env) ([]string, error) { return ids(env), nil })
}

// SameProjects checks the Atlas projects.
var SameProjects = SameIDs("mongodbatlas_project", func(env *acctest.Env) []string {
	var ids []string
	for _, p := range env.Sim.Projects() {
		ids = append(ids, p.ID)
	}
	return ids
})

// ProjectAndName is the state key of a deployment: "<project_id>/<name>".
func ProjectAndName(attrs map[string]string) string {
	return attrs["project_id"] + "/" + attrs["name"]
}

// All passes when every check passes.
func All(checks ...Consistency) Consistency {
	return func(env *acctest.Env, s *terraform.State) error {
		for _, check := range checks {
			if err := check(env, s); err != nil {
				return err
			}
		}
		return nil
	}
}
