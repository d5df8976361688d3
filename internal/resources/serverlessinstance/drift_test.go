package serverlessinstance_test

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

// Drift on a serverless instance, in an era where the serverless API still
// answers (2025: the instance is flex-backed) and one where only the flex API
// does (2026-06: the provider carries the instance through the flex API).
// Whatever changes in Atlas shows in the next plan as exactly that change.

func TestAccServerlessInstance_drift(t *testing.T) {
	for _, date := range []string{"2025-06-01", "2026-06-01"} {
		t.Run(date, func(t *testing.T) {
			testServerlessDrift(t, date)
		})
	}
}

func testServerlessDrift(t *testing.T, date string) {
	env := acctest.NewEnv(t, acctest.WithWorldDate(date))
	cfg := instanceConfig(env, `  termination_protection_enabled = false
  tags {
    key   = "env"
    value = "dev"
  }
  tags {
    key   = "team"
    value = "data"
  }`)
	var pid string
	drift := func(mutate func(*atlassim.FlexClusterSnapshot), changed string, planned knownvalue.Check) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				if !env.Sim.UpdateFlexClusterOutOfBand(pid, "legacy", mutate) {
					t.Fatal("instance not found in the simulator")
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
	tag := func(k, v string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact(k), "value": knownvalue.StringExact(v)})
	}
	plannedTags := knownvalue.SetExact([]knownvalue.Check{tag("env", "dev"), tag("team", "data")})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(s *terraform.State) error { pid = projectID(s); return nil }},
			drift(tags("env", "prod", "team", "data"), "tags", plannedTags),
			drift(tags("env", "dev", "team", "data", "owner", "someone"), "tags", plannedTags),
			drift(tags("team", "data"), "tags", plannedTags),
			drift(tags(), "tags", plannedTags),
			drift(func(fc *atlassim.FlexClusterSnapshot) { fc.TerminationProtectionEnabled = true }, "termination_protection_enabled", knownvalue.Bool(false)),
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					fc, ok := env.Sim.FlexCluster(pid, "legacy")
					if !ok || fc.TerminationProtectionEnabled || len(fc.Tags) != 2 {
						return fmt.Errorf("apply did not undo the drift: %+v", fc)
					}
					return nil
				},
			},
			{
				// An imported instance that nobody changed plans nothing.
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return pid + "-legacy", nil
				},
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
			},
			{
				// Deleted in Atlas: planned for creation, the project untouched.
				PreConfig: func() {
					if !env.Sim.DeleteServerlessOutOfBand(pid, "legacy") && !env.Sim.DeleteFlexClusterOutOfBand(pid, "legacy") {
						t.Fatal("instance not found in the simulator")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error {
					if fc, ok := env.Sim.FlexCluster(pid, "legacy"); !ok || len(fc.Tags) != 2 {
						return fmt.Errorf("recreated instance %+v", fc)
					}
					return nil
				},
			},
		},
	})
}
