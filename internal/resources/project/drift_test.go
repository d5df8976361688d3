package project_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// Drift: whatever someone changes in Atlas behind Terraform's back shows up in
// the next plan as exactly that change, and nothing else does. Each step
// changes the simulator out of band, checks the plan, then applies it, which
// puts Atlas back as configured (the harness then insists on an empty plan).

// driftStep changes the project out of band, then expects a plan that updates
// exactly the named attributes, with extra checks on the planned values.
func driftStep(t *testing.T, env *acctest.Env, cfg string, id *string, mutate func(*atlassim.ProjectSnapshot), changed []string, checks ...plancheck.PlanCheck) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			if !env.Sim.UpdateProjectOutOfBand(*id, mutate) {
				t.Fatalf("project %s not found in the simulator", *id)
			}
		},
		Config: cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			acctest.ChangedAttributes(addr, changed...),
		}, checks...)},
	}
}

// noDriftStep changes something in Atlas that the configuration does not
// manage: the plan stays empty.
func noDriftStep(t *testing.T, env *acctest.Env, cfg string, id *string, mutate func(*atlassim.ProjectSnapshot)) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			if !env.Sim.UpdateProjectOutOfBand(*id, mutate) {
				t.Fatalf("project %s not found in the simulator", *id)
			}
		},
		Config:   cfg,
		PlanOnly: true,
	}
}

func rememberID(id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		*id = projectID(s)
		return nil
	}
}

func TestAccProject_driftNameAndTags(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	cfg := projectConfig(env, "drift-tags", `tags = { env = "dev", team = "data" }`)
	tags := func(kv ...string) func(*atlassim.ProjectSnapshot) {
		return func(p *atlassim.ProjectSnapshot) {
			p.Tags = nil
			for i := 0; i+1 < len(kv); i += 2 {
				p.Tags = append(p.Tags, atlassim.Tag{Key: kv[i], Value: kv[i+1]})
			}
		}
	}
	plannedTags := plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
		"env": knownvalue.StringExact("dev"), "team": knownvalue.StringExact("data"),
	}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg, Check: rememberID(&id)},
			driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { p.Name = "renamed-in-the-ui" }, []string{"name"},
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("drift-tags"))),
			// A changed value, an added tag, a removed tag, and all tags gone.
			driftStep(t, env, cfg, &id, tags("env", "prod", "team", "data"), []string{"tags"}, plannedTags),
			driftStep(t, env, cfg, &id, tags("env", "dev", "team", "data", "owner", "someone"), []string{"tags"}, plannedTags),
			driftStep(t, env, cfg, &id, tags("env", "dev"), []string{"tags"}, plannedTags),
			driftStep(t, env, cfg, &id, tags(), []string{"tags"}, plannedTags),
			{
				Config: cfg,
				Check: checkSim(env, func(p atlassim.ProjectSnapshot) error {
					if p.Name != "drift-tags" || len(p.Tags) != 2 {
						return fmt.Errorf("apply did not undo the drift: name %q tags %v", p.Name, p.Tags)
					}
					return nil
				}),
			},
			// Tags that appear on a project whose configuration has none show as a removal.
			{Config: projectConfig(env, "drift-tags", "")},
			driftStep(t, env, projectConfig(env, "drift-tags", ""), &id, tags("added", "outside"), []string{"tags"},
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null())),
		},
	})
}

// settingNames are the project settings the resource manages, with a setter
// for the simulator's copy.
var settingNames = []struct {
	attr string
	flip func(*atlassim.ProjectSettings)
}{
	{"is_cluster_ai_assistant_enabled", func(s *atlassim.ProjectSettings) { s.IsClusterAiAssistantEnabled = !s.IsClusterAiAssistantEnabled }},
	{"is_collect_database_specifics_statistics_enabled", func(s *atlassim.ProjectSettings) {
		s.IsCollectDatabaseSpecificsStatisticsEnabled = !s.IsCollectDatabaseSpecificsStatisticsEnabled
	}},
	{"is_data_explorer_enabled", func(s *atlassim.ProjectSettings) { s.IsDataExplorerEnabled = !s.IsDataExplorerEnabled }},
	{"is_data_explorer_gen_ai_features_enabled", func(s *atlassim.ProjectSettings) {
		s.IsDataExplorerGenAIFeaturesEnabled = !s.IsDataExplorerGenAIFeaturesEnabled
	}},
	{"is_data_explorer_gen_ai_sample_document_passing_enabled", func(s *atlassim.ProjectSettings) {
		s.IsDataExplorerGenAISampleDocumentPassingEnabled = !s.IsDataExplorerGenAISampleDocumentPassingEnabled
	}},
	{"is_extended_storage_sizes_enabled", func(s *atlassim.ProjectSettings) { s.IsExtendedStorageSizesEnabled = !s.IsExtendedStorageSizesEnabled }},
	{"is_native_reranking_enabled", func(s *atlassim.ProjectSettings) { s.IsNativeRerankingEnabled = !s.IsNativeRerankingEnabled }},
	{"is_performance_advisor_enabled", func(s *atlassim.ProjectSettings) { s.IsPerformanceAdvisorEnabled = !s.IsPerformanceAdvisorEnabled }},
	{"is_realtime_performance_panel_enabled", func(s *atlassim.ProjectSettings) {
		s.IsRealtimePerformancePanelEnabled = !s.IsRealtimePerformancePanelEnabled
	}},
	{"is_schema_advisor_enabled", func(s *atlassim.ProjectSettings) { s.IsSchemaAdvisorEnabled = !s.IsSchemaAdvisorEnabled }},
}

// Every setting is configured (alternating true and false, so a setting read
// into the wrong attribute cannot go unnoticed); each is flipped alone.
func TestAccProject_driftSettings(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	var lines []string
	configured := map[string]bool{}
	for i, s := range settingNames {
		configured[s.attr] = i%2 == 0
		lines = append(lines, fmt.Sprintf("  %s = %t", s.attr, configured[s.attr]))
	}
	cfg := projectConfig(env, "drift-settings", strings.Join(lines, "\n")+"\n  is_slow_operation_thresholding_enabled = true")
	steps := []resource.TestStep{{Config: cfg, Check: rememberID(&id)}}
	for _, s := range settingNames {
		steps = append(steps, driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { s.flip(&p.Settings) }, []string{s.attr},
			plancheck.ExpectKnownValue(addr, tfjsonpath.New(s.attr), knownvalue.Bool(configured[s.attr]))))
	}
	steps = append(steps,
		// Managed slow operation threshold, read because it is configured.
		driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { p.ManagedSlowMs = false }, []string{"is_slow_operation_thresholding_enabled"},
			plancheck.ExpectKnownValue(addr, tfjsonpath.New("is_slow_operation_thresholding_enabled"), knownvalue.Bool(true))),
		// A setting this provider does not manage changes nothing in the plan.
		noDriftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) {
			p.Settings.IsDataValidationEnabled = !p.Settings.IsDataValidationEnabled
		}),
		resource.TestStep{
			Config: cfg,
			Check: checkSim(env, func(p atlassim.ProjectSnapshot) error {
				if !p.ManagedSlowMs || p.Settings.IsClusterAiAssistantEnabled != configured["is_cluster_ai_assistant_enabled"] ||
					p.Settings.IsSchemaAdvisorEnabled != configured["is_schema_advisor_enabled"] {
					return fmt.Errorf("apply did not undo the drift: %+v managed slow ms %v", p.Settings, p.ManagedSlowMs)
				}
				return nil
			}),
		},
	)
	// Once the configuration sets no setting, a refresh does not read them: a
	// change in Atlas neither plans a diff nor reaches the state, and costs no request.
	// The provider learns that the settings left the configuration at the next
	// update of the project (a removed Optional+Computed attribute alone plans
	// no change, so no update): here a new tag.
	unconfigured := projectConfig(env, "drift-settings", `  tags = { settings = "unmanaged" }`)
	steps = append(steps,
		resource.TestStep{Config: unconfigured},
		noDriftStep(t, env, unconfigured, &id, func(p *atlassim.ProjectSnapshot) {
			p.Settings.IsDataExplorerEnabled = !p.Settings.IsDataExplorerEnabled
		}),
		resource.TestStep{
			Config:    unconfigured,
			PreConfig: env.Sim.ResetRequests,
			Check: func(s *terraform.State) error {
				if n := env.CountRequests("GET", "/api/atlas/v2/groups/"+id+"/settings"); n != 0 {
					return fmt.Errorf("%d reads of the settings, none configured: want none", n)
				}
				p, _ := env.Sim.Project(id)
				return resource.TestCheckResourceAttr(addr, "is_data_explorer_enabled", fmt.Sprint(!p.Settings.IsDataExplorerEnabled))(s)
			},
		},
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps:                    steps,
	})
}

func TestAccProject_driftLimitsAndTeams(t *testing.T) {
	env := acctest.NewEnv(t)
	readers := env.Sim.SeedTeam("readers")
	owners := env.Sim.SeedTeam("owners")
	var id string
	cfg := projectConfig(env, "drift-limits", fmt.Sprintf(`
  limits {
    name  = "atlas.project.deployment.clusters"
    value = 40
  }
  limits {
    name  = "dataFederation.bytesProcessed.daily"
    value = 1000000
  }
  teams {
    team_id    = %q
    role_names = ["GROUP_READ_ONLY"]
  }`, readers))
	plannedLimits := plancheck.ExpectKnownValue(addr, tfjsonpath.New("limits"), knownvalue.SetPartial([]knownvalue.Check{
		knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("atlas.project.deployment.clusters"), "value": knownvalue.Int64Exact(40)}),
		knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("dataFederation.bytesProcessed.daily"), "value": knownvalue.Int64Exact(1000000)}),
	}))
	plannedTeams := plancheck.ExpectKnownValue(addr, tfjsonpath.New("teams"), knownvalue.SetExact([]knownvalue.Check{
		knownvalue.ObjectExact(map[string]knownvalue.Check{
			"team_id":    knownvalue.StringExact(readers),
			"role_names": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("GROUP_READ_ONLY")}),
		}),
	}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg, Check: rememberID(&id)},
			// Limits: a changed value, a limit reset to Atlas's default, a limit without default removed.
			driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { p.Limits["atlas.project.deployment.clusters"] = 60 }, []string{"limits"}, plannedLimits),
			driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { delete(p.Limits, "atlas.project.deployment.clusters") }, []string{"limits"}, plannedLimits),
			driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { delete(p.Limits, "dataFederation.bytesProcessed.daily") }, []string{"limits"}, plannedLimits),
			// A limit the configuration does not name is not managed: no diff.
			noDriftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { p.Limits["atlas.project.security.databaseAccess.users"] = 50 }),
			// Teams: changed roles, an extra team, the team removed.
			driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) {
				p.Teams = []atlassim.TeamAssignment{{TeamID: readers, RoleNames: []string{"GROUP_OWNER"}}}
			}, []string{"teams"}, plannedTeams),
			driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) {
				p.Teams = append(p.Teams, atlassim.TeamAssignment{TeamID: owners, RoleNames: []string{"GROUP_OWNER"}})
			}, []string{"teams"}, plannedTeams),
			driftStep(t, env, cfg, &id, func(p *atlassim.ProjectSnapshot) { p.Teams = nil }, []string{"teams"}, plannedTeams),
			{
				Config: cfg,
				Check: checkSim(env, func(p atlassim.ProjectSnapshot) error {
					if p.Limits["atlas.project.deployment.clusters"] != 40 || p.Limits["dataFederation.bytesProcessed.daily"] != 1000000 ||
						len(p.Teams) != 1 || p.Teams[0].TeamID != readers || !slices.Equal(p.Teams[0].RoleNames, []string{"GROUP_READ_ONLY"}) {
						return fmt.Errorf("apply did not undo the drift: limits %v teams %v", p.Limits, p.Teams)
					}
					return nil
				}),
			},
		},
	})
}

// A project deleted in Atlas is planned for creation; an imported project
// with no change in Atlas plans nothing.
func TestAccProject_driftDeletedAndImported(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	cfg := projectConfig(env, "drift-deleted", `tags = { env = "dev" }
  is_data_explorer_enabled = false`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg, Check: rememberID(&id)},
			{
				PreConfig: func() {
					if !env.Sim.DeleteProjectOutOfBand(id) {
						t.Fatal("project not found in the simulator")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("drift-deleted")),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("id")),
				}},
				Check: func(s *terraform.State) error {
					if projectID(s) == id {
						return fmt.Errorf("the project kept the id of the deleted one")
					}
					if len(env.Sim.Projects()) != 1 {
						return fmt.Errorf("%d projects in the simulator, want the new one only", len(env.Sim.Projects()))
					}
					return nil
				},
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
}
