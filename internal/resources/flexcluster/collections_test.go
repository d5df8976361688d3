package flexcluster_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

var emptyMap = knownvalue.MapExact(map[string]knownvalue.Check{})

func simHasNoTags(env *acctest.Env) resource.TestCheckFunc {
	return checkSimCluster(env, func(c atlassim.FlexClusterSnapshot) error {
		if len(c.Tags) != 0 {
			return fmt.Errorf("simulator tags %v, want none", c.Tags)
		}
		return nil
	})
}

func importID(s *terraform.State) (string, error) {
	pid, name := clusterKey(s)
	return pid + "-" + name, nil
}

// tags, the only collection a flex cluster's configuration can set, applied
// as {} (a module's `default = {}`) and left out: each stays as written, plans
// nothing on the next run and nothing after an import.
func TestAccFlexCluster_emptyCollections(t *testing.T) {
	cases := []struct {
		name, extra string
		tags        knownvalue.Check
	}{
		{"empty", `  tags = {}`, emptyMap},
		{"absent", "", knownvalue.Null()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.NewEnv(t)
			cfg := flexConfig(env, "empty-"+tc.name, "US_EAST_1", tc.extra)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{
						Config: cfg,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), tc.tags),
						},
						Check: simHasNoTags(env),
					},
					{
						Config: cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), tc.tags),
						},
					},
					{
						Config:            cfg,
						ResourceName:      addr,
						ImportState:       true,
						ImportStateKind:   resource.ImportBlockWithID,
						ImportStateIdFunc: importID,
						ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
						}},
					},
				},
			})
		})
	}
}

// Moving between {}, no attribute and real tags: no error, no perpetual
// diff, and no PATCH when only the spelling of "no tags" changes.
func TestAccFlexCluster_emptyNullTransitions(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := func(extra string) string { return flexConfig(env, "empty-null", "US_EAST_1", extra) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg(`  tags = {}`)},
			{
				PreConfig: env.Sim.ResetRequests,
				Config:    cfg(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error { return noRequests(env, "PATCH")() },
			},
			{
				Config: cfg(`  tags = { env = "dev" }`),
				Check:  resource.TestCheckResourceAttr(addr, "tags.env", "dev"),
			},
			{
				Config: cfg(`  tags = {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyMap),
				},
				Check: simHasNoTags(env),
			},
			{
				Config: cfg(`  tags = { env = "dev" }`),
				Check:  resource.TestCheckResourceAttr(addr, "tags.env", "dev"),
			},
			{
				// Removing the attribute removes every tag.
				Config: cfg(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
				},
				Check: simHasNoTags(env),
			},
			{
				PreConfig: env.Sim.ResetRequests,
				Config:    cfg(`  tags = {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyMap),
				},
				Check: func(*terraform.State) error { return noRequests(env, "PATCH")() },
			},
		},
	})
}
