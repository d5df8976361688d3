package flexcluster_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// Drift: a flex cluster changed in Atlas behind Terraform's back shows exactly
// that change in the next plan; applying puts it back as configured.

func TestAccFlexCluster_drift(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := flexConfig(env, "drifting-flex", "US_EAST_1", `  tags = { env = "dev", team = "data" }
  termination_protection_enabled = false`)
	var pid string
	drift := func(mutate func(*atlassim.FlexClusterSnapshot), changed string, planned knownvalue.Check) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				if !env.Sim.UpdateFlexClusterOutOfBand(pid, "drifting-flex", mutate) {
					t.Fatal("flex cluster not found in the simulator")
				}
			},
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionNoop),
				// Only the drifted attribute changes: the update ends IDLE, on the same version.
				acctest.ChangedAttributes(addr, changed),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("state_name"), knownvalue.StringExact("IDLE")),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New(changed), planned),
			}},
		}
	}
	tags := func(kv ...string) func(*atlassim.FlexClusterSnapshot) {
		return func(fc *atlassim.FlexClusterSnapshot) {
			fc.Tags = nil
			for i := 0; i+1 < len(kv); i += 2 {
				fc.Tags = append(fc.Tags, atlassim.Tag{Key: kv[i], Value: kv[i+1]})
			}
		}
	}
	plannedTags := knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev"), "team": knownvalue.StringExact("data")})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(s *terraform.State) error { pid, _ = clusterKey(s); return nil }},
			drift(tags("env", "prod", "team", "data"), "tags", plannedTags),
			drift(tags("env", "dev", "team", "data", "owner", "someone"), "tags", plannedTags),
			drift(tags("team", "data"), "tags", plannedTags),
			drift(tags(), "tags", plannedTags),
			drift(func(fc *atlassim.FlexClusterSnapshot) { fc.TerminationProtectionEnabled = true }, "termination_protection_enabled", knownvalue.Bool(false)),
			{
				Config: cfg,
				Check: checkSimCluster(env, func(c atlassim.FlexClusterSnapshot) error {
					if c.TerminationProtectionEnabled || len(c.Tags) != 2 {
						return fmt.Errorf("apply did not undo the drift: %+v", c)
					}
					return nil
				}),
			},
			{
				// An imported cluster that nobody changed plans nothing.
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return pid + "-drifting-flex", nil
				},
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
			},
			{
				// Deleted in Atlas: planned for creation, the project untouched.
				PreConfig: func() {
					if !env.Sim.DeleteFlexClusterOutOfBand(pid, "drifting-flex") {
						t.Fatal("flex cluster not found in the simulator")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionNoop),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("id")),
				}},
				Check: checkSimCluster(env, func(c atlassim.FlexClusterSnapshot) error {
					if c.State != "IDLE" || len(c.Tags) != 2 {
						return fmt.Errorf("recreated cluster %+v", c)
					}
					return nil
				}),
			},
		},
	})
}
