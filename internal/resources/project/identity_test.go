package project_test

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

// The project's identity is its id: set on create, unchanged by an update
// (a rename) and by a refresh, and an import block by identity brings the
// project back with a plan that changes nothing.
func TestAccProject_identity(t *testing.T) {
	env := acctest.NewEnv(t)
	identity := []statecheck.StateCheck{
		statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"id": knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))}),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")),
	}
	renamed := projectConfig(env, "identity-renamed", `  tags = { env = "test" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: projectConfig(env, "identity", ""), ConfigStateChecks: identity},
			{
				Config: renamed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: identity,
			},
			{
				// A plan refreshes the project: nothing to do, the identity stays.
				Config: renamed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: identity,
			},
			{
				Config:          renamed,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// An identity that is not a project id is refused with the expected form.
func TestAccProject_importByIdentityInvalid(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		Steps: []resource.TestStep{{
			Config: projectConfig(env, "by-identity", "") + `
import {
  to       = mongodbatlas_project.test
  identity = { id = "not-a-project-id" }
}
`,
			ExpectError: regexp.MustCompile(`(?s)identity.id must be the project id: 24 hexadecimal characters.*Got "not-a-project-id"`),
		}},
	})
}
