package projectipaccesslist_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// An access list entry's identity is {project_id, entry}, entry as the import
// ID names it: set on create, unchanged by a comment update and a refresh, and
// an import block by identity plans no change, for an address, a CIDR block
// and a security group.
func TestAccProjectIPAccessList_identity(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := func(comment string) string {
		return entryConfig(env, `  ip_address = "203.0.113.9"
  comment    = "`+comment+`"`) + `
resource "mongodbatlas_project_ip_access_list" "block" {
  project_id = mongodbatlas_project.test.id
  cidr_block = "10.3.0.0/16"
}

resource "mongodbatlas_project_ip_access_list" "group" {
  project_id         = mongodbatlas_project.test.id
  aws_security_group = "sg-0123456789abcdef0"
}
`
	}
	const block, group = "mongodbatlas_project_ip_access_list.block", "mongodbatlas_project_ip_access_list.group"
	hexID := knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))
	identity := []statecheck.StateCheck{
		statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"project_id": hexID, "entry": knownvalue.StringExact("203.0.113.9")}),
		statecheck.ExpectIdentity(block, map[string]knownvalue.Check{"project_id": hexID, "entry": knownvalue.StringExact("10.3.0.0/16")}),
		statecheck.ExpectIdentity(group, map[string]knownvalue.Check{"project_id": hexID, "entry": knownvalue.StringExact("sg-0123456789abcdef0")}),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("project_id")),
		statecheck.ExpectIdentityValueMatchesStateAtPath(addr, tfjsonpath.New("entry"), tfjsonpath.New("ip_address")),
	}
	importByIdentity := func(address string) resource.TestStep {
		return resource.TestStep{
			Config:          cfg("office"),
			ResourceName:    address,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionNoop),
			}},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		Steps: []resource.TestStep{
			{Config: cfg("home"), ConfigStateChecks: identity},
			{
				Config: cfg("office"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: identity,
			},
			{
				Config:            cfg("office"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: identity,
			},
			importByIdentity(addr),
			importByIdentity(block),
			importByIdentity(group),
		},
	})
}

// An identity without an entry is refused, naming what the entry is.
func TestAccProjectIPAccessList_importByIdentityInvalid(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		Steps: []resource.TestStep{{
			Config: entryConfig(env, `  ip_address = "203.0.113.9"`) + `
import {
  to       = mongodbatlas_project_ip_access_list.test
  identity = {
    project_id = "5f1e2d3c4b5a697887766554"
    entry      = ""
  }
}
`,
			ExpectError: regexp.MustCompile(`identity.entry must be the IP address, CIDR block or AWS security group id`),
		}},
	})
}
