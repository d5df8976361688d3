package cloudmanagerproject_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// The only collection of mongodbatlas_cloud_manager_project is the read-only
// tags list, which Cloud Manager reports as []: it is an empty list (never
// null) after create, refresh, an update and an import, and never planned as
// a change.
func TestAccCloudManagerProject_emptyCollections(t *testing.T) {
	env := acctest.NewEnv(t)
	emptyTags := knownvalue.ListExact([]knownvalue.Check{})
	state := []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyTags)}
	steps := []resource.TestStep{
		{Config: cmConfig(env, "cm-empty", ""), ConfigStateChecks: state},
		{
			Config:            cmConfig(env, "cm-empty", ""),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: state,
		},
		{
			// An update plans the tags as they are, not "known after apply".
			Config: cmConfig(env, "cm-empty-renamed", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyTags),
			}},
			ConfigStateChecks: state,
		},
		{
			Config:          cmConfig(env, "cm-empty-renamed", ""),
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyTags),
			}},
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps:                    steps,
	})
}
