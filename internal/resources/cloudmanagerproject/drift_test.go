package cloudmanagerproject_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// TestAccCloudManagerProject_drift: what changes in Cloud Manager behind Terraform's back.
// A rename is drift of a configured attribute: the plan renames it back and changes
// nothing else. Agents reporting (host counts, agent count) and tags set in the UI change
// only computed attributes: the refresh records them and the plan stays empty.
func TestAccCloudManagerProject_drift(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := cmConfig(env, "cm-drift", "")
	outOfBand := func(mutate func(*atlassim.CloudManagerProjectSnapshot)) func() {
		return func() {
			projects := env.Sim.CloudManagerProjects()
			if len(projects) != 1 || !env.Sim.UpdateCloudManagerProjectOutOfBand(projects[0].ID, mutate) {
				t.Fatalf("want one Cloud Manager project in the simulator, have %d", len(projects))
			}
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(func(p *atlassim.CloudManagerProjectSnapshot) { p.Name = "renamed-in-ui" }),
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					acctest.ChangedAttributes(addr, "name"),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("cm-drift")),
				}},
			},
			{
				PreConfig: func() {
					outOfBand(func(p *atlassim.CloudManagerProjectSnapshot) { p.Tags = []string{"from-ui"} })()
					id := env.Sim.CloudManagerProjects()[0].ID
					if !env.Sim.SimulateCloudManagerAgents(id, atlassim.CloudManagerAgents{
						ActiveAgentCount: 3, ReplicaSetCount: 1,
						HostCounts: atlassim.CloudManagerHostCounts{Primary: 1, Secondary: 2},
					}) {
						t.Fatal("could not report agents")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active_agent_count"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("replica_set_count"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("host_counts").AtMapKey("secondary"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("from-ui")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_active_agent"), knownvalue.NotNull()),
				},
			},
		},
	})
}
