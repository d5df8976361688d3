package cloudmanagerproject_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// An Ops Manager global API key (Global Owner) in the simulator's Ops Manager flavour.
const (
	globalPublicKey  = "omglobalkey"
	globalPrivateKey = "om-global-private-key"
)

const sandboxAddr = "mongodbatlas_cloud_manager_project.sandbox"

// withOpsManager makes the simulator an Ops Manager with a global API key.
func withOpsManager(o *atlassim.Options) {
	o.Flavor = atlassim.FlavorOpsManager
	o.GlobalPublicKey, o.GlobalPrivateKey = globalPublicKey, globalPrivateKey
}

// cloudManagerProvider is a provider block whose Cloud Manager requests go to cmURL with
// the given API key; Atlas requests go nowhere (none are made).
func cloudManagerProvider(cmURL, publicKey, privateKey, extra string) string {
	return fmt.Sprintf(`provider "mongodbatlas" {
  cloud_manager_base_url = %q
  public_key             = %q
  private_key            = %q
%s
}
`, cmURL, publicKey, privateKey, extra)
}

const sandboxBlock = `
resource "mongodbatlas_cloud_manager_project" "sandbox" {
  name = "om-sandbox"
%s
}
`

// TestAccCloudManagerProject_opsManagerWithoutOrgID: with a global API key, Ops Manager
// creates a project without org_id in a new organization named after it; org_id is read
// back, later plans keep it, and writing it into the configuration changes nothing. The
// agent API key, returned on create only, stays in the state across refreshes.
func TestAccCloudManagerProject_opsManagerWithoutOrgID(t *testing.T) {
	env := acctest.NewEnv(t, withOpsManager)
	provider := cloudManagerProvider(env.URL, globalPublicKey, globalPrivateKey, "")
	var newOrg string
	// Filled in once the organization exists; the map is read when the step runs.
	orgVariable := config.Variables{"org_id": config.StringVariable("")}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: provider + fmt.Sprintf(sandboxBlock, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(sandboxAddr, plancheck.ResourceActionCreate),
					plancheck.ExpectUnknownValue(sandboxAddr, tfjsonpath.New("org_id")),
				}},
				Check: func(s *terraform.State) error {
					attrs := s.RootModule().Resources[sandboxAddr].Primary.Attributes
					orgs := env.Sim.CloudManagerOrganizations()
					if len(orgs) != 1 {
						return fmt.Errorf("organizations created: %v, want one", orgs)
					}
					for id, name := range orgs {
						newOrg = id
						if name != "om-sandbox" || attrs["org_id"] != id {
							return fmt.Errorf("org_id = %q, organizations %v: want the new organization named om-sandbox", attrs["org_id"], orgs)
						}
					}
					p, ok := env.Sim.CloudManagerProject(attrs["id"])
					if !ok || p.OrgID != newOrg || attrs["agent_api_key"] != p.AgentAPIKey || p.AgentAPIKey == "" {
						return fmt.Errorf("simulator project %+v, state %v", p, attrs)
					}
					// The create is one request; the refresh after it reads without the key.
					if got := env.Requests(); !slices.Equal(got[:1], []string{"POST " + cmGroups + " 201"}) {
						return fmt.Errorf("requests = %v", got)
					}
					return nil
				},
			},
			{
				// A refresh, whose answer leaves the agent API key out, keeps it and plans nothing.
				Config:           provider + fmt.Sprintf(sandboxBlock, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(s *terraform.State) error {
					attrs := s.RootModule().Resources[sandboxAddr].Primary.Attributes
					p, _ := env.Sim.CloudManagerProject(attrs["id"])
					if attrs["agent_api_key"] != p.AgentAPIKey {
						return fmt.Errorf("agent_api_key lost on refresh")
					}
					return nil
				},
			},
			{
				// Writing the organization Ops Manager made into the configuration changes nothing.
				PreConfig:        func() { orgVariable["org_id"] = config.StringVariable(newOrg) },
				Config:           provider + "variable \"org_id\" {\n  type = string\n}\n" + fmt.Sprintf(sandboxBlock, "  org_id = var.org_id"),
				ConfigVariables:  orgVariable,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccCloudManagerProject_opsManagerOrgKeyWithoutOrgID: an organization's API key may not
// make Ops Manager create an organization; the error says which role and key it takes.
func TestAccCloudManagerProject_opsManagerOrgKeyWithoutOrgID(t *testing.T) {
	env := acctest.NewEnv(t, withOpsManager)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cloudManagerProvider(env.URL, atlassim.DefaultPublicKey, atlassim.DefaultPrivateKey, "") + fmt.Sprintf(sandboxBlock, ""),
			ExpectError: regexp.MustCompile(`(?s)HTTP 403 USER_UNAUTHORIZED.*Without org_id, Ops Manager creates a new organization.*Global\s+Owner\s+role.*global\s+API\s+key`),
		}},
	})
	if got := env.Sim.CloudManagerProjects(); len(got) != 0 {
		t.Errorf("projects created: %v", got)
	}
}

// TestAccCloudManagerProject_cloudManagerRequiresOrgID: Cloud Manager keeps requiring
// org_id. Against MongoDB's hosted Cloud Manager the plan fails before any request; against
// another server that refuses the create, the error names org_id.
func TestAccCloudManagerProject_cloudManagerRequiresOrgID(t *testing.T) {
	t.Run("hosted Cloud Manager, at plan time", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories(),
			Steps: []resource.TestStep{{
				// No request can leave: nothing listens on this loopback port and the URL is MongoDB's.
				Config: cloudManagerProvider("https://cloud.mongodb.com/", "a", "b", `  base_url = "http://127.0.0.1:9/"`) + fmt.Sprintf(sandboxBlock, ""),
				ExpectError: regexp.MustCompile(`(?s)org_id is required by Cloud Manager.*https://cloud.mongodb.com/.*Set\s+org_id\s+to\s+the\s+id\s+of\s+the\s+organization` +
					`.*only\s+possible\s+with\s+an\s+Ops\s+Manager`),
				PlanOnly: true,
			}},
		})
	})
	t.Run("server refuses", func(t *testing.T) {
		env := acctest.NewEnv(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories(),
			Steps: []resource.TestStep{{
				Config:      env.Config(fmt.Sprintf(sandboxBlock, "")),
				ExpectError: regexp.MustCompile(`(?s)MISSING_ATTRIBUTE.*This\s+server\s+requires\s+org_id.*Set\s+org_id`),
			}},
		})
		if got := env.Requests(); !slices.Equal(got, []string{"POST " + cmGroups + " 400"}) {
			t.Errorf("requests = %v, want the one refused create", got)
		}
	})
}

// TestAccCloudManagerProject_opsManagerBaseURLMistakes: every base URL mistake gets an
// error naming the setting, its value and the fix; the path-shape mistakes and plain HTTP
// are refused before any request, the others on the first one, without by-name lookups.
func TestAccCloudManagerProject_opsManagerBaseURLMistakes(t *testing.T) {
	env := acctest.NewEnv(t, withOpsManager)
	htmlPage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html;charset=utf-8")
		_, _ = w.Write([]byte("<!DOCTYPE html><html><body>Ops Manager: log in</body></html>"))
	}))
	t.Cleanup(htmlPage.Close)
	untrusted := newTLSEnv(t, withOpsManager)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := "http://" + l.Addr().String() + "/"
	l.Close()

	key := func(url, extra string) string {
		return cloudManagerProvider(url, atlassim.DefaultPublicKey, atlassim.DefaultPrivateKey, extra)
	}
	project := fmt.Sprintf(`
resource "mongodbatlas_cloud_manager_project" "test" {
  name   = "om-mistakes"
  org_id = %q
}
`, env.OrgID)
	cases := []struct {
		name, config string
		want         []string // phrases, in order, in the error
	}{
		{"public API path", key(env.URL+"api/public/v1.0", ""), []string{"invalid cloud_manager_base_url:",
			"points at the Cloud Manager / Ops Manager Public API v1.0", "host root", `Use cloud_manager_base_url = "` + env.URL + `"`}},
		{"atlas v2 path as base_url", key(env.URL, `  base_url = "https://cloud.mongodb.com/api/atlas/v2"`), []string{"invalid base_url:",
			"points at Atlas's Admin API v2", "/api/atlas/v2/api/atlas/v2/...", `Use base_url = "https://cloud.mongodb.com/"`}},
		{"plain http without the opt-in", key("http://opsmanager.internal:8080/", ""), []string{"invalid cloud_manager_base_url:",
			`"http://opsmanager.internal:8080/" uses plain http`, "cloud_manager_allow_insecure_http = true",
			"MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP=true", "off by default"}},
		{"plain http with a bearer token", `provider "mongodbatlas" {
  cloud_manager_base_url            = "http://opsmanager.internal:8080/"
  cloud_manager_allow_insecure_http = true
  access_token                      = "t"
}
`, []string{"invalid cloud_manager_allow_insecure_http:", "bearer token would travel in clear", "programmatic API key"}},
		{"UI page answering HTML", key(htmlPage.URL+"/", ""), []string{`Creating Cloud Manager project "om-mistakes" failed`,
			`cloud_manager_base_url = "` + htmlPage.URL + `/"`, "HTML page (HTTP 200)", "host root"}},
		{"nothing listening", key(closedPort, ""), []string{`cloud_manager_base_url = "` + closedPort + `"`,
			"nothing accepts connections", "8080 for HTTP and 8443 for HTTPS"}},
		{"unknown host", key("https://opsmanager.invalid:8443/", ""), []string{`cloud_manager_base_url = "https://opsmanager.invalid:8443/"`,
			"host name opsmanager.invalid does not resolve"}},
		{"private CA not trusted", key(untrusted.URL, ""), []string{`cloud_manager_base_url = "` + untrusted.URL + `"`,
			"signed by a certificate authority this machine does not trust", "unknown authority", "SSL_CERT_FILE", "SSL_CERT_DIR"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.config + project, ExpectError: phrases(tc.want...)}},
			})
		})
	}
	t.Cleanup(func() {
		// The TLS simulator saw handshakes only; neither simulator saw an API request.
		if got := append(env.Requests(), untrusted.Requests()...); len(got) != 0 {
			t.Errorf("requests reached a simulator: %v", got)
		}
	})
}

// newTLSEnv starts a simulator that serves HTTPS with a certificate from a certificate
// authority made for the test, which nothing in this process trusts.
func newTLSEnv(t *testing.T, opts ...func(*atlassim.Options)) *acctest.Env {
	t.Helper()
	o := atlassim.Options{}
	for _, f := range opts {
		f(&o)
	}
	sim := atlassim.New(o)
	certs, err := atlassim.NewTLSCertificates()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(sim)
	srv.TLS = certs.ServerConfig()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return &acctest.Env{Sim: sim, URL: srv.URL + "/", OrgID: atlassim.DefaultOrgID}
}

// phrases matches an error holding each phrase in order, whatever the line wrapping.
func phrases(want ...string) *regexp.Regexp {
	parts := make([]string, len(want))
	for i, w := range want {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(w)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// TestAccCloudManagerProject_opsManagerWrongPrefixKeepsState: a cloud_manager_base_url with a
// path the server does not serve answers 404 for the path itself; the refresh fails with the
// advice about the URL instead of dropping the project from the state, and with the right
// URL back the plan is empty.
func TestAccCloudManagerProject_opsManagerWrongPrefixKeepsState(t *testing.T) {
	env := acctest.NewEnv(t, withOpsManager)
	project := fmt.Sprintf(`
resource "mongodbatlas_cloud_manager_project" "test" {
  name   = "om-prefix"
  org_id = %q
}
`, env.OrgID)
	right := cloudManagerProvider(env.URL, atlassim.DefaultPublicKey, atlassim.DefaultPrivateKey, "")
	wrong := cloudManagerProvider(env.URL+"opsmanager/", atlassim.DefaultPublicKey, atlassim.DefaultPrivateKey, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: right + project},
			{Config: wrong + project, PlanOnly: true,
				ExpectError: phrases("HTTP 404 RESOURCE_NOT_FOUND", "no Cloud Manager Public API at this address", "cloud_manager_base_url")},
			{Config: right + project, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
	if got := env.Sim.CloudManagerProjects(); len(got) != 0 {
		t.Errorf("projects left after destroy: %v", got)
	}
}
