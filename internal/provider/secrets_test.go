package provider_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// Secrets never reach logs or plans. These tests set environment variables
// (TF_LOG, log paths, credentials), so they cannot run in parallel.

// Credentials unlike anything else in a log, so a match can only be a leak.
const (
	secretPublicKey    = "pubkeysecretstest"
	secretPrivateKey   = "privkey-0d8c3f5e-9a1b-4c7d-b2e6-leak-me-not"
	secretClientID     = "mdb_sa_id_secretstest"
	secretClientSecret = "mdb_sa_sk_7c2e91f0-leak-me-not"
	secretAccessToken  = "static-bearer-5b8e2a71-leak-me-not"
)

// spyEnv is a simulator behind a handler that records every Authorization
// header it receives and every access token the token endpoint issues: the
// values that must never be logged, whatever the simulator made up.
type spyEnv struct {
	*acctest.Env
	mu      sync.Mutex
	secrets map[string]bool
	schemes map[string]int // Authorization schemes seen, and "issued" for tokens issued
}

func newSpyEnv(t *testing.T) *spyEnv {
	sim := atlassim.New(atlassim.Options{
		PublicKey: secretPublicKey, PrivateKey: secretPrivateKey,
		ClientID: secretClientID, ClientSecret: secretClientSecret,
		AccessTokens: []string{secretAccessToken},
	})
	e := &spyEnv{secrets: map[string]bool{
		secretPrivateKey: true, secretClientSecret: true, secretAccessToken: true,
	}, schemes: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth := r.Header.Get("Authorization"); auth != "" {
			e.addAuthorization(auth)
		}
		if !strings.HasSuffix(r.URL.Path, "/api/oauth/token") {
			sim.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, r)
		var token struct {
			AccessToken string `json:"access_token"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &token) == nil && token.AccessToken != "" {
			e.add(token.AccessToken)
			e.count("issued")
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	e.Env = &acctest.Env{Sim: sim, URL: srv.URL + "/", OrgID: atlassim.DefaultOrgID}
	return e
}

var digestResponse = regexp.MustCompile(`response="([^"]+)"`)

func (e *spyEnv) addAuthorization(header string) {
	e.add(header)
	scheme, _, _ := strings.Cut(header, " ")
	e.count(strings.ToLower(scheme))
	if m := digestResponse.FindStringSubmatch(header); m != nil {
		e.add(m[1])
	}
	if token, ok := strings.CutPrefix(header, "Bearer "); ok {
		e.add(token)
	}
	if scheme, creds, ok := strings.Cut(header, " "); ok && strings.EqualFold(scheme, "Basic") {
		e.add(creds) // the token request's client id and secret
	}
}

func (e *spyEnv) add(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.secrets[s] = true
}

func (e *spyEnv) count(what string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.schemes[what]++
}

func (e *spyEnv) secretList() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.secrets))
	for s := range e.secrets {
		out = append(out, s)
	}
	return out
}

// kindSetup returns the provider block (credentials in it) and the
// environment (credentials from MONGODB_ATLAS_*) for a kind of credentials.
func kindSetup(e *spyEnv, kind string) (block string, env map[string]string) {
	base := fmt.Sprintf("  base_url = %q\n  cloud_manager_base_url = %q\n", e.URL, e.URL)
	switch kind {
	case acctest.ServiceAccount:
		return fmt.Sprintf("provider \"mongodbatlas\" {\n%s  client_id = %q\n  client_secret = %q\n}\n", base, secretClientID, secretClientSecret),
			map[string]string{"MONGODB_ATLAS_CLIENT_ID": secretClientID, "MONGODB_ATLAS_CLIENT_SECRET": secretClientSecret}
	case acctest.AccessToken:
		return fmt.Sprintf("provider \"mongodbatlas\" {\n%s  access_token = %q\n}\n", base, secretAccessToken),
			map[string]string{"MONGODB_ATLAS_ACCESS_TOKEN": secretAccessToken}
	default:
		return fmt.Sprintf("provider \"mongodbatlas\" {\n%s  public_key = %q\n  private_key = %q\n}\n", base, secretPublicKey, secretPrivateKey),
			map[string]string{"MONGODB_ATLAS_PUBLIC_KEY": secretPublicKey, "MONGODB_ATLAS_PRIVATE_KEY": secretPrivateKey}
	}
}

const secretsBody = `
resource "mongodbatlas_project" "test" {
  name   = "secrets-check"
  org_id = %q
  tags   = { env = "dev" }
}

resource "mongodbatlas_flex_cluster" "test" {
  project_id = mongodbatlas_project.test.id
  name       = "secrets-flex"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
}
`

// noSecretsInPlan fails when the plan JSON (what terraform show -json prints,
// and what the human-readable plan is rendered from) contains a secret outside
// the copy of the configuration.
type noSecretsInPlan struct{ secrets func() []string }

func (c noSecretsInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	raw, err := json.Marshal(req.Plan)
	var doc map[string]any
	if err == nil {
		err = json.Unmarshal(raw, &doc)
	}
	if err != nil {
		resp.Error = err
		return
	}
	// "configuration" is Terraform's copy of the user's own source: a literal in a
	// provider block is there as written, whatever the provider does. (Terraform
	// behaviour; the docs recommend the MONGODB_ATLAS_* variables for secrets.)
	// Everything the provider contributes (planned values, changes, prior state) is checked.
	delete(doc, "configuration")
	data, err := json.Marshal(doc)
	if err != nil {
		resp.Error = err
		return
	}
	if !bytes.Contains(data, []byte(`"mongodbatlas_project.test"`)) {
		resp.Error = fmt.Errorf("the plan does not mention the project; is this the right plan?")
		return
	}
	for _, s := range c.secrets() {
		if bytes.Contains(data, []byte(s)) {
			i := bytes.Index(data, []byte(s))
			resp.Error = fmt.Errorf("the plan JSON contains the secret %q: ...%s...", s, around(string(data), i))
			return
		}
	}
}

// TestAccSecrets_traceLogs runs apply, plan and destroy at TF_LOG=trace with
// credentials from the environment. The whole log (Terraform, the test
// harness and the provider) holds none of the secrets.
func TestAccSecrets_traceLogs(t *testing.T) {
	for _, kind := range []string{acctest.APIKey, acctest.ServiceAccount, acctest.AccessToken} {
		t.Run(kind, func(t *testing.T) {
			e := newSpyEnv(t)
			_, creds := kindSetup(e, kind)
			for k, v := range creds {
				t.Setenv(k, v)
			}
			logPath := filepath.Join(t.TempDir(), "trace.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logPath)
			block := fmt.Sprintf("provider \"mongodbatlas\" {\n  base_url = %q\n  cloud_manager_base_url = %q\n}\n", e.URL, e.URL)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: block + fmt.Sprintf(secretsBody, e.OrgID)}},
			})
			if t.Failed() {
				return
			}
			log := readLog(t, logPath)
			expectAPICallsLogged(t, log, kind)
			for _, s := range e.secretList() {
				if i := strings.Index(log, s); i >= 0 {
					t.Errorf("the trace log contains the secret %q: ...%s...", s, around(log, i))
				}
			}
			expectSecretsSeen(t, e, kind)
		})
	}
}

// TestAccSecrets_providerBlock puts the credentials in the provider block. The
// plan never shows them, and no log line written by the provider holds them.
// (The test harness itself logs the configuration it writes, secrets included;
// a user's terraform run has no such harness, so its lines are left out.)
func TestAccSecrets_providerBlock(t *testing.T) {
	for _, kind := range []string{acctest.APIKey, acctest.ServiceAccount, acctest.AccessToken} {
		t.Run(kind, func(t *testing.T) {
			e := newSpyEnv(t)
			block, _ := kindSetup(e, kind)
			logPath := filepath.Join(t.TempDir(), "provider.jsonl")
			t.Setenv("TF_LOG", "JSON") // the in-process provider's log, one JSON object a line, at trace level
			t.Setenv("TF_LOG_PATH", logPath)
			noSecrets := noSecretsInPlan{secrets: e.secretList}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{
						Config: block + fmt.Sprintf(secretsBody, e.OrgID),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{noSecrets},
							PostApplyPostRefresh: []plancheck.PlanCheck{noSecrets},
						},
					},
					{
						// A change after the service account token was issued and the digest answered.
						Config: block + strings.Replace(fmt.Sprintf(secretsBody, e.OrgID), `env = "dev"`, `env = "prod"`, 1),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionUpdate),
							noSecrets,
						}},
					},
				},
			})
			if t.Failed() {
				return
			}
			var providerLines []string
			sc := bufio.NewScanner(strings.NewReader(readLog(t, logPath)))
			sc.Buffer(make([]byte, 1<<20), 16<<20)
			for sc.Scan() {
				var entry map[string]any
				if err := json.Unmarshal(sc.Bytes(), &entry); err != nil {
					continue // the Go log package's lines from the test binary, not the provider's sink
				}
				if module, _ := entry["@module"].(string); strings.HasPrefix(module, "sdk.helper_resource") {
					continue
				}
				providerLines = append(providerLines, sc.Text())
			}
			log := strings.Join(providerLines, "\n")
			expectAPICallsLogged(t, log, kind)
			for _, s := range e.secretList() {
				if i := strings.Index(log, s); i >= 0 {
					t.Errorf("a provider log line contains the secret %q: ...%s...", s, around(log, i))
				}
			}
			expectSecretsSeen(t, e, kind)
		})
	}
}

func readLog(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no log written: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 {
		t.Fatal("the log is empty")
	}
	return string(data)
}

// expectAPICallsLogged makes sure the log is the one we think: it shows the
// provider's API calls, with request bodies at trace level.
func expectAPICallsLogged(t *testing.T, log, kind string) {
	t.Helper()
	for _, want := range []string{"Atlas request", "/api/atlas/v2/groups", "Atlas request body", "secrets-flex"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log does not contain %q: it does not show the provider's API calls", want)
		}
	}
	if kind == acctest.ServiceAccount && !strings.Contains(log, "/api/oauth/token") {
		t.Error("the log does not show the token request")
	}
}

// expectSecretsSeen makes sure the spy saw what it should, so that an empty
// list of secrets cannot make the test pass.
func expectSecretsSeen(t *testing.T, e *spyEnv, kind string) {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	want := map[string][]string{
		acctest.APIKey:         {"digest"},
		acctest.ServiceAccount: {"basic", "bearer", "issued"},
		acctest.AccessToken:    {"bearer"},
	}[kind]
	for _, w := range want {
		if e.schemes[w] == 0 {
			t.Errorf("the simulator saw no %s credentials (%v): the list of secrets to look for is incomplete", w, e.schemes)
		}
	}
}

func around(s string, i int) string {
	start, end := max(i-80, 0), min(i+80, len(s))
	return s[start:end]
}

// TestAccSecrets_plainHTTPRefused: a non-loopback http:// base URL is refused
// while the provider is configured, before any request, with a message that
// names base_url and the fix.
func TestAccSecrets_plainHTTPRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	for _, attr := range []string{"base_url", "cloud_manager_base_url"} {
		t.Run(attr, func(t *testing.T) {
			other := "cloud_manager_base_url"
			if attr == other {
				other = "base_url"
			}
			cfg := fmt.Sprintf(`provider "mongodbatlas" {
  %s = "http://atlas.example.invalid/"
  %s = %q
  public_key  = %q
  private_key = %q
}
`, attr, other, env.URL, atlassim.DefaultPublicKey, atlassim.DefaultPrivateKey) + fmt.Sprintf(projectBody, env.OrgID)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config: cfg,
					ExpectError: regexp.MustCompile(`(?s)invalid\s+` + attr + `:\s+"http://atlas.example.invalid/"\s+uses\s+plain\s+http.*` +
						`Use\s+https://atlas.example.invalid/`),
				}},
			})
		})
	}
	t.Cleanup(func() {
		if got := env.Sim.Requests(); len(got) != 0 {
			t.Errorf("the simulator received requests although the configuration was refused: %v", got)
		}
	})
}
