package acctest

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/provider"
)

// Credential kinds a test can configure the provider with.
const (
	APIKey         = "api_key"
	ServiceAccount = "service_account"
	AccessToken    = "access_token"
)

// staticToken is accepted by every test simulator as a Bearer token.
const staticToken = "sim-static-access-token"

// Env is one simulator on a loopback port, private to a test, so tests can run
// in parallel and assert on exactly the requests they caused.
type Env struct {
	Sim   *atlassim.Server
	URL   string // base URL with a trailing slash
	OrgID string
}

// NewEnv starts a simulator for t and stops it when t ends. Without options
// the simulator answers immediately (no transition time, no latency).
func NewEnv(t *testing.T, opts ...func(*atlassim.Options)) *Env {
	t.Helper()
	o := atlassim.Options{AccessTokens: []string{staticToken}, Transition: 0}
	for _, f := range opts {
		f(&o)
	}
	sim := atlassim.New(o)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return &Env{Sim: sim, URL: srv.URL + "/", OrgID: atlassim.DefaultOrgID}
}

// WithTransition makes asynchronous state changes take d.
func WithTransition(d time.Duration) func(*atlassim.Options) {
	return func(o *atlassim.Options) { o.Transition = d }
}

// ProviderFactories serves the provider in the test process.
func ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"mongodbatlas": providerserver.NewProtocol6WithError(provider.New("test")()),
	}
}

// ProviderConfig is a provider block pointing at the simulator with the given
// kind of credentials.
func (e *Env) ProviderConfig(kind string) string {
	var creds string
	switch kind {
	case ServiceAccount:
		creds = fmt.Sprintf("client_id = %q\n  client_secret = %q", atlassim.DefaultClientID, atlassim.DefaultClientSecret)
	case AccessToken:
		creds = fmt.Sprintf("access_token = %q", staticToken)
	default:
		creds = fmt.Sprintf("public_key = %q\n  private_key = %q", atlassim.DefaultPublicKey, atlassim.DefaultPrivateKey)
	}
	return fmt.Sprintf("provider \"mongodbatlas\" {\n  base_url = %q\n  cloud_manager_base_url = %q\n  %s\n}\n", e.URL, e.URL, creds)
}

// Config prepends the API-key provider block to body.
func (e *Env) Config(body string) string {
	return e.ProviderConfig(APIKey) + body
}

// Requests lists the simulator's request log as "METHOD /path STATUS" lines,
// leaving out digest challenges (401 answers to unauthenticated first tries).
func (e *Env) Requests() []string {
	var out []string
	for _, r := range e.Sim.Requests() {
		if r.Status == 401 {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %d", r.Method, r.Path, r.Status))
	}
	return out
}

// CountRequests counts logged requests with the method whose path has the
// given prefix (digest challenges excluded).
func (e *Env) CountRequests(method, pathPrefix string) int {
	n := 0
	for _, r := range e.Sim.Requests() {
		if r.Status != 401 && r.Method == method && strings.HasPrefix(r.Path, pathPrefix) {
			n++
		}
	}
	return n
}

// WithWorldDate sets the simulated calendar date, which selects the
// serverless era ("2006-01-02").
func WithWorldDate(date string) func(*atlassim.Options) {
	return func(o *atlassim.Options) {
		d, err := time.Parse(time.DateOnly, date)
		if err != nil {
			panic(err)
		}
		o.WorldDate = d
	}
}
