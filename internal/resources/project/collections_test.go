package project_test

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

// Empty collections written the way modules write them: a variable that
// defaults to {} and dynamic blocks over an empty collection.
const (
	emptyTags   = `tags = {}`
	emptyLimits = `
  dynamic "limits" {
    for_each = {}
    content {
      name  = limits.key
      value = limits.value
    }
  }`
	emptyTeams = `
  dynamic "teams" {
    for_each = {}
    content {
      team_id    = teams.key
      role_names = teams.value
    }
  }`
)

var (
	emptyMap = knownvalue.MapExact(map[string]knownvalue.Check{})
	emptySet = knownvalue.SetExact([]knownvalue.Check{})
)

// simHasNoTagsLimitsOrTeams asserts that the empty collections reached Atlas
// as nothing at all.
func simHasNoTagsLimitsOrTeams(env *acctest.Env) resource.TestCheckFunc {
	return checkSim(env, func(p atlassim.ProjectSnapshot) error {
		if len(p.Tags) != 0 || len(p.Limits) != 0 || len(p.Teams) != 0 {
			return fmt.Errorf("simulator has tags %v, limits %v, teams %v; want none", p.Tags, p.Limits, p.Teams)
		}
		return nil
	})
}

// Every collection of mongodbatlas_project set to empty is applied, stays
// empty in state, plans nothing on the next run and after an import.
func TestAccProject_emptyCollections(t *testing.T) {
	cases := []struct {
		name   string
		extra  string
		checks []statecheck.StateCheck
	}{
		{"tags", emptyTags, []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyMap),
		}},
		{"limits", emptyLimits, []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("limits"), emptySet),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
		}},
		{"teams", emptyTeams, []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("teams"), emptySet),
		}},
		{"all", emptyTags + emptyLimits + emptyTeams, []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyMap),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("limits"), emptySet),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("teams"), emptySet),
		}},
		{"none", "", []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("limits"), emptySet),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("teams"), emptySet),
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.NewEnv(t)
			cfg := projectConfig(env, "empty-"+tc.name, tc.extra)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				CheckDestroy:             checkDestroyed(env),
				Steps: []resource.TestStep{
					{
						Config:            cfg,
						ConfigStateChecks: tc.checks,
						Check:             simHasNoTagsLimitsOrTeams(env),
					},
					{
						// A refresh keeps the empty values and plans nothing.
						Config: cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPreRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
							PreApply:            []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: tc.checks,
					},
					{
						Config:          cfg,
						ResourceName:    addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
						}},
					},
				},
			})
		})
	}
}

// Moving between no tags, empty tags and tags: no perpetual diff, no error, and
// no request to Atlas when only the spelling of "no tags" changes.
func TestAccProject_emptyNullTransitions(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := func(extra string) string { return projectConfig(env, "empty-null", extra) }
	noPatch := func(s *terraform.State) error {
		if n := env.CountRequests("PATCH", "/api/atlas/v2/groups/"); n != 0 {
			return fmt.Errorf("%d PATCH requests, want none: the tags did not change in Atlas", n)
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg(emptyTags), ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyMap),
			}},
			{
				// {} -> no attribute: both mean no tags, so nothing to do.
				PreConfig: env.Sim.ResetRequests,
				Config:    cfg(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				Check: noPatch,
			},
			{
				Config: cfg(`tags = { env = "dev" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
				},
			},
			{
				// Removing the attribute removes every tag.
				Config: cfg(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
				},
				Check: simHasNoTagsLimitsOrTeams(env),
			},
			{
				// No attribute -> {}: Terraform records the new spelling, Atlas is not asked.
				PreConfig: env.Sim.ResetRequests,
				Config:    cfg(emptyTags),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyMap),
				},
				Check: noPatch,
			},
			{
				Config: cfg(`tags = { env = "dev" }`),
				Check:  resource.TestCheckResourceAttr(addr, "tags.env", "dev"),
			},
			{
				// Tags -> {}: every tag is removed and the state keeps the empty map.
				Config: cfg(emptyTags),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), emptyMap),
				},
				Check: simHasNoTagsLimitsOrTeams(env),
			},
		},
	})
}
