package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// MongoDB's own modules declare a provider_meta block; Terraform refuses a module
// whose provider has no meta schema. Its values reach Atlas in the User-Agent.
func TestAccProvider_providerMeta(t *testing.T) {
	env := acctest.NewEnv(t)
	config := env.Config(fmt.Sprintf(`
terraform {
  provider_meta "mongodbatlas" {
    module_name      = "project"
    module_version   = "1.4.0"
    user_agent_extra = { team = "core platform", ci = "github" }
  }
}

resource "mongodbatlas_project" "test" {
  name   = "meta"
  org_id = %q
}
`, env.OrgID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{Config: config}, {
			Config: config,
			Check: func(*terraform.State) error {
				// Every request names the module, the resource type and the operation it serves.
				uaLine := regexp.MustCompile(`^terraform-provider-mongodbatlas/test Terraform/\S+ ModuleName/project ModuleVersion/1\.4\.0 Name/project Operation/(create|read) ci/github team/core_platform$`)
				ops := map[string]int{}
				for _, r := range env.Sim.Requests() {
					if r.Status == 401 {
						continue
					}
					m := uaLine.FindStringSubmatch(r.UserAgent)
					if m == nil {
						return fmt.Errorf("%s %s: User-Agent %q does not match %s", r.Method, r.Path, r.UserAgent, uaLine)
					}
					if r.Method == "POST" && m[1] != "create" {
						return fmt.Errorf("POST %s was sent as Operation/%s, want create", r.Path, m[1])
					}
					ops[m[1]]++
				}
				if ops["create"] == 0 || ops["read"] == 0 {
					return fmt.Errorf("want requests of both a create and a refresh, got %v; requests: %v", ops, env.Requests())
				}
				return nil
			},
		}},
	})
}
