package databaseuser_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// Drift: a user changed in Atlas behind Terraform's back shows exactly that
// change in the next plan; applying puts it back as configured.

func TestAccDatabaseUser_drift(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := userConfig(env, "drifting", "admin", `  password = "drifting-pass"
  description = "configured"`+readWriteRole+`
  labels {
    key   = "team"
    value = "data"
  }`)
	var pid string
	drift := func(mutate func(*atlassim.DatabaseUserSnapshot), changed string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				if !env.Sim.UpdateDatabaseUserOutOfBand(pid, "admin", "drifting", mutate) {
					t.Fatal("user not found in the simulator")
				}
			},
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionNoop),
				acctest.ChangedAttributes(addr, changed),
			}},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(s *terraform.State) error { pid = projectID(s); return nil }},
			drift(func(u *atlassim.DatabaseUserSnapshot) {
				u.Roles = append(u.Roles, atlassim.DatabaseUserRole{RoleName: "atlasAdmin", DatabaseName: "admin"})
			}, "roles"),
			drift(func(u *atlassim.DatabaseUserSnapshot) {
				u.Roles = []atlassim.DatabaseUserRole{{RoleName: "read", DatabaseName: "shop"}}
			}, "roles"),
			drift(func(u *atlassim.DatabaseUserSnapshot) { u.Labels = nil }, "labels"),
			drift(func(u *atlassim.DatabaseUserSnapshot) {
				u.Scopes = []atlassim.DatabaseUserScope{{Name: "Cluster9", Type: "CLUSTER"}}
			}, "scopes"),
			drift(func(u *atlassim.DatabaseUserSnapshot) { u.Description = "changed in the UI" }, "description"),
			{
				Config: cfg,
				Check: checkSimUser(env, "admin", "drifting", func(u atlassim.DatabaseUserSnapshot) error {
					if len(u.Roles) != 1 || u.Roles[0].RoleName != "readWrite" || len(u.Labels) != 1 || len(u.Scopes) != 0 || u.Description != "configured" {
						return fmt.Errorf("apply did not undo the drift: %+v", u)
					}
					return nil
				}),
			},
			{
				// Deleted in Atlas: planned for creation, the project untouched.
				PreConfig: func() {
					if !env.Sim.DeleteDatabaseUserOutOfBand(pid, "admin", "drifting") {
						t.Fatal("user not found in the simulator")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("mongodbatlas_project.test", plancheck.ResourceActionNoop),
				}},
				Check: checkPassword(env, "drifting", "drifting-pass"),
			},
		},
	})
}
