package serverlessinstance_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// identityChecks: the identity of address is {project_id, name}, the same
// values as its state's.
func identityChecks(address, name string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectIdentity(address, map[string]knownvalue.Check{
			"project_id": knownvalue.StringRegexp(regexp.MustCompile(`^[a-f0-9]{24}$`)),
			"name":       knownvalue.StringExact(name),
		}),
		statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("project_id")),
		statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("name")),
	}
}

// The identity is set on create (a real serverless instance, before 2025), kept
// by an update, a refresh and an import block by identity (which plans no
// change), and by a moved block to mongodbatlas_flex_cluster once Atlas has
// turned the instance into a flex cluster.
func TestAccServerlessInstance_identity(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithWorldDate("2024-06-01"))
	tagged := func(value string) string {
		return instanceConfig(env, fmt.Sprintf("  tags {\n    key   = \"env\"\n    value = %q\n  }", value))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		Steps: []resource.TestStep{
			{Config: tagged("dev"), ConfigStateChecks: identityChecks(addr, "legacy")},
			{Config: tagged("prod"), ConfigStateChecks: identityChecks(addr, "legacy")},
			{RefreshState: true},
			{Config: tagged("prod"), ConfigStateChecks: identityChecks(addr, "legacy")},
			{
				Config:          tagged("prod"),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				Config:          tagged("prod"),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				GenerateConfig:  true,
			},
			{
				// Past Atlas's 2025 migration the instance is a flex cluster.
				PreConfig: func() { env.Sim.SetWorldDate(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) },
				Config: env.Config(fmt.Sprintf(projectBlock, env.OrgID)) + `
resource "mongodbatlas_flex_cluster" "test" {
  project_id = mongodbatlas_project.test.id
  name       = "legacy"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  tags = { env = "prod" }
}

moved {
  from = mongodbatlas_serverless_instance.test
  to   = mongodbatlas_flex_cluster.test
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("mongodbatlas_flex_cluster.test", plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: identityChecks("mongodbatlas_flex_cluster.test", "legacy"),
			},
		},
	})
}
