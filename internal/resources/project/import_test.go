package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// A project imported into a configuration that sets limits (one with a
// default, one Data Federation limit without one) and the managed slow
// operation threshold plans no change: the import reads what differs from
// Atlas's defaults.
func TestAccProject_importWithLimits(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := projectConfig(env, "imported-limits", `
  is_slow_operation_thresholding_enabled = false
  limits {
    name  = "atlas.project.deployment.clusters"
    value = 40
  }
  limits {
    name  = "dataFederation.bytesProcessed.query"
    value = 1000000
  }`)
	limit := func(name string, value int64) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"name": knownvalue.StringExact(name), "value": knownvalue.Int64Exact(value),
		})
	}
	imported := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("limits"), knownvalue.SetExact([]knownvalue.Check{
			limit("atlas.project.deployment.clusters", 40),
			limit("dataFederation.bytesProcessed.query", 1000000),
		})),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_slow_operation_thresholding_enabled"), knownvalue.Bool(false)),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: imported},
			{
				Config:                  cfg,
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("is_slow_operation_thresholding_enabled"), knownvalue.Bool(false)),
				}},
			},
		},
	})
}

// An import of a project whose configuration sets no limits and no slow
// operation setting plans nothing, although the import read both.
func TestAccProject_importWithoutLimits(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	cfg := projectConfig(env, "imported-plain", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(s *terraform.State) error { id = projectID(s); return nil }},
			{
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
			},
			{
				// The import step read the limits and the slow operation setting.
				Config: cfg,
				Check: func(*terraform.State) error {
					for _, path := range []string{"/limits", "/managedSlowMs"} {
						if n := env.CountRequests("GET", "/api/atlas/v2/groups/"+id+path); n == 0 {
							return fmt.Errorf("no GET %s: the import did not read it", path)
						}
					}
					return nil
				},
			},
		},
	})
}

// Importing a project id Atlas does not know names the id instead of Terraform's
// generic "Cannot import non-existent remote object"; an organization's id is named
// as such.
func TestAccProject_importMissing(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := projectConfig(env, "present", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "0123456789abcdef01234567",
				ExpectError:   regexp.MustCompile(`(?s)Cannot import project 0123456789abcdef01234567: it does not exist.*Atlas has no project with id 0123456789abcdef01234567`),
			},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: env.OrgID,
				ExpectError:   regexp.MustCompile(`(?s)The id ` + env.OrgID + ` belongs to an organization, not to a\s+project`),
			},
		},
	})
}
