package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestMain(m *testing.M) { acctest.Main(m) }

const projectBody = `
resource "mongodbatlas_project" "test" {
  name   = "credentials-check"
  org_id = %q
}
`

// Each kind of credentials creates, reads and deletes a project.
func TestAccProvider_credentialKinds(t *testing.T) {
	for _, kind := range []string{acctest.APIKey, acctest.ServiceAccount, acctest.AccessToken} {
		t.Run(kind, func(t *testing.T) {
			env := acctest.NewEnv(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config: env.ProviderConfig(kind) + fmt.Sprintf(projectBody, env.OrgID),
					Check: func(*terraform.State) error {
						tokens := env.CountRequests("POST", "/api/oauth/token")
						if kind == acctest.ServiceAccount && tokens != 1 {
							return fmt.Errorf("service account fetched %d tokens, want 1 for the whole apply", tokens)
						}
						if kind != acctest.ServiceAccount && tokens != 0 {
							return fmt.Errorf("%s fetched %d tokens, want none", kind, tokens)
						}
						return nil
					},
				}},
			})
		})
	}
}

func TestAccProvider_badCredentials(t *testing.T) {
	env := acctest.NewEnv(t)
	provider := func(attrs string) string {
		return fmt.Sprintf("provider \"mongodbatlas\" {\n  base_url = %q\n  %s\n}\n", env.URL, attrs) + fmt.Sprintf(projectBody, env.OrgID)
	}
	cases := []struct {
		name, config, want string
	}{
		{"wrong private key", provider(`public_key = "simpublickey"
  private_key = "wrong"`), `(?s)HTTP 401.*Atlas rejected the credentials`},
		{"wrong client secret", provider(`client_id = "` + atlassim.DefaultClientID + `"
  client_secret = "wrong"`), `(?s)rejected the service account credentials.*invalid_client`},
		{"half api key", provider(`public_key = "simpublickey"`), `(?s)Incomplete API key credentials.*private_key`},
		{"plain http to a remote host", `provider "mongodbatlas" {
  base_url = "http://cloud.example.com/"
  public_key = "a"
  private_key = "b"
}
` + fmt.Sprintf(projectBody, env.OrgID), `(?s)base_url`},
		{"aws secrets manager", provider(`public_key = "a"
  private_key = "b"
  secret_name = "atlas"`), `(?s)AWS Secrets Manager is not supported`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

// TestAccProvider_apiAccessList: valid credentials used from an address their API access
// list does not hold. Atlas answers 403 IP_ADDRESS_NOT_ON_ACCESS_LIST; the diagnostic
// names the address and says that the list belongs to the key, not to the project,
// for every credential kind, on a create and on a data source read.
func TestAccProvider_apiAccessList(t *testing.T) {
	for _, kind := range []string{acctest.APIKey, acctest.ServiceAccount} {
		t.Run(kind, func(t *testing.T) {
			env := acctest.NewEnv(t, func(o *atlassim.Options) { o.APIAccessList = []string{"203.0.113.0/24"} })
			advice := `IP_ADDRESS_NOT_ON_ACCESS_LIST.*127\.0\.0\.1\s+is\s+not\s+on\s+it.*not\s+to\s+the\s+project.*API\s+Access\s+List`
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{
						Config:      env.ProviderConfig(kind) + fmt.Sprintf(projectBody, env.OrgID),
						ExpectError: regexp.MustCompile(`(?s)Creating\s+project.*` + advice),
					},
					{
						Config: env.ProviderConfig(kind) + `
data "mongodbatlas_flex_clusters" "all" {
  project_id = "5e1f00000000000000000aaa"
}
`,
						ExpectError: regexp.MustCompile(`(?s)Listing\s+the\s+flex\s+clusters.*` + advice),
					},
				},
				CheckDestroy: func(*terraform.State) error {
					if n := len(env.Sim.Projects()); n != 0 {
						return fmt.Errorf("%d projects in the simulator, want none", n)
					}
					return nil
				},
			})
		})
	}
}
