package projectipaccesslist_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// Drift: an entry changed or removed in Atlas behind Terraform's back shows
// exactly that change in the next plan; applying puts it back as configured.

func TestAccProjectIPAccessList_drift(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := entryConfig(env, `  cidr_block = "10.5.0.0/16"
  comment    = "configured"`)
	var pid string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(s *terraform.State) error { pid = projectID(s); return nil }},
			{
				PreConfig: func() {
					if !env.Sim.UpdateAccessListEntryOutOfBand(pid, "10.5.0.0/16", "edited in the UI") {
						t.Fatal("entry not found in the simulator")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionNoop),
					acctest.ChangedAttributes(addr, "comment"),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("comment"), knownvalue.StringExact("configured")),
				}},
				Check: func(s *terraform.State) error {
					if e := simEntries(env, s)["10.5.0.0/16"]; e.Comment != "configured" {
						return fmt.Errorf("apply did not undo the drift: %+v", e)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if !env.Sim.DeleteAccessListEntryOutOfBand(pid, "10.5.0.0/16") {
						t.Fatal("entry not found in the simulator")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionNoop),
				}},
				Check: func(s *terraform.State) error {
					if e, ok := simEntries(env, s)["10.5.0.0/16"]; !ok || e.Comment != "configured" {
						return fmt.Errorf("entry not added again: %+v", e)
					}
					return nil
				},
			},
		},
	})
}
