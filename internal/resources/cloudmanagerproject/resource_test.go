package cloudmanagerproject_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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

const (
	addr      = "mongodbatlas_cloud_manager_project.test"
	atlasAddr = "mongodbatlas_project.atlas"
	cmGroups  = "/api/public/v1.0/groups"
)

func cmConfig(env *acctest.Env, name, extra string) string {
	return env.Config(fmt.Sprintf(`
resource "mongodbatlas_cloud_manager_project" "test" {
  name   = %q
  org_id = %q
%s
}
`, name, env.OrgID, extra))
}

func atlasProjectBlock(env *acctest.Env, name string) string {
	return fmt.Sprintf(`
resource "mongodbatlas_project" "atlas" {
  name   = %q
  org_id = %q
}
`, name, env.OrgID)
}

func stateID(s *terraform.State, address string) string {
	return s.RootModule().Resources[address].Primary.ID
}

// checkSim runs f on the stored Cloud Manager project.
func checkSim(env *acctest.Env, f func(p atlassim.CloudManagerProjectSnapshot, attrs map[string]string) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources[addr]
		p, ok := env.Sim.CloudManagerProject(rs.Primary.ID)
		if !ok {
			return fmt.Errorf("Cloud Manager project %s is not in the simulator", rs.Primary.ID)
		}
		return f(p, rs.Primary.Attributes)
	}
}

// agentKeyMatchesSim checks that agent_api_key in state is the simulator's key.
func agentKeyMatchesSim(env *acctest.Env) resource.TestCheckFunc {
	return checkSim(env, func(p atlassim.CloudManagerProjectSnapshot, attrs map[string]string) error {
		if attrs["agent_api_key"] == "" || attrs["agent_api_key"] != p.AgentAPIKey {
			return fmt.Errorf("agent_api_key in state does not match the simulator's key (state has %d characters)", len(attrs["agent_api_key"]))
		}
		return nil
	})
}

func checkDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "mongodbatlas_cloud_manager_project" {
				continue
			}
			if _, ok := env.Sim.CloudManagerProject(rs.Primary.ID); ok {
				return fmt.Errorf("Cloud Manager project %s still exists after destroy", rs.Primary.ID)
			}
		}
		return nil
	}
}

// expectRequests asserts the simulator's request log (digest challenges left
// out), in order; {id} stands for the Cloud Manager project id.
func expectRequests(env *acctest.Env, want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := stateID(s, addr)
		got := env.Requests()
		expanded := make([]string, len(want))
		for i, w := range want {
			expanded[i] = strings.ReplaceAll(w, "{id}", id)
		}
		if !slices.Equal(got, expanded) {
			return fmt.Errorf("requests:\n got  %q\n want %q", got, expanded)
		}
		return nil
	}
}

var hexID = regexp.MustCompile(`^[a-f0-9]{24}$`)

func zeroHostCounts() knownvalue.Check {
	zero := map[string]knownvalue.Check{}
	for _, role := range []string{"arbiter", "config", "master", "mongos", "primary", "secondary", "slave"} {
		zero[role] = knownvalue.Int64Exact(0)
	}
	return knownvalue.ObjectExact(zero)
}

func TestAccCloudManagerProject_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: cmConfig(env, "cm-basic", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectSensitiveValue(addr, tfjsonpath.New("agent_api_key")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(hexID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("cm-basic")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("org_id"), knownvalue.StringExact(env.OrgID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("project_owner_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active_agent_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("host_counts"), zeroHostCounts()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_active_agent"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("public_api_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("replica_set_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("shard_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.ListExact(nil)),
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("agent_api_key")),
				},
				// One request: the POST answer carries everything.
				Check: resource.ComposeAggregateTestCheckFunc(
					agentKeyMatchesSim(env),
					expectRequests(env, "POST "+cmGroups+" 201"),
				),
			},
			{
				// A refresh is one GET.
				PreConfig:    env.Sim.ResetRequests,
				RefreshState: true,
				Check:        expectRequests(env, "GET "+cmGroups+"/{id} 200"),
			},
			{
				// Agents report: the computed values follow, without a diff.
				PreConfig: func() {
					for _, p := range env.Sim.CloudManagerProjects() {
						env.Sim.SimulateCloudManagerAgents(p.ID, atlassim.CloudManagerAgents{
							ActiveAgentCount: 3, ReplicaSetCount: 1,
							HostCounts: atlassim.CloudManagerHostCounts{Primary: 1, Secondary: 2},
						})
					}
				},
				Config: cmConfig(env, "cm-basic", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active_agent_count"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("host_counts").AtMapKey("secondary"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("replica_set_count"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_active_agent"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				},
			},
		},
	})
}

func TestAccCloudManagerProject_update(t *testing.T) {
	env := acctest.NewEnv(t)
	owner := env.Sim.SeedUser("owner@example.com")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cmConfig(env, "cm-before", fmt.Sprintf("project_owner_id = %q", owner))},
			{
				PreConfig: env.Sim.ResetRequests,
				Config:    cmConfig(env, "cm-after", fmt.Sprintf("project_owner_id = %q", owner)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					// Only the name changes: the computed values are known in the plan.
					acctest.ChangedAttributes(addr, "name"),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("active_agent_count"), knownvalue.Int64Exact(0)),
					plancheck.ExpectSensitiveValue(addr, tfjsonpath.New("agent_api_key")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "name", "cm-after"),
					agentKeyMatchesSim(env),
					checkSim(env, func(p atlassim.CloudManagerProjectSnapshot, _ map[string]string) error {
						if p.Name != "cm-after" {
							return fmt.Errorf("simulator name %q", p.Name)
						}
						return nil
					}),
					// The refresh before the change, then one PATCH.
					expectRequests(env, "GET "+cmGroups+"/{id} 200", "PATCH "+cmGroups+"/{id} 200"),
				),
			},
			{
				Config:      cmConfig(env, "cm-after", `project_owner_id = "0123456789abcdef01234567"`),
				ExpectError: regexp.MustCompile(`project_owner_id cannot be changed`),
			},
			{
				// Forgetting project_owner_id writes nothing.
				PreConfig: env.Sim.ResetRequests,
				Config:    cmConfig(env, "cm-after", ""),
				Check: func(*terraform.State) error {
					for _, r := range env.Requests() {
						if !strings.HasPrefix(r, "GET ") {
							return fmt.Errorf("unexpected write: %s", r)
						}
					}
					return nil
				},
			},
			{
				// A rename done in the UI is drift: the plan renames it back.
				PreConfig: func() {
					for _, p := range env.Sim.CloudManagerProjects() {
						env.Sim.UpdateCloudManagerProjectOutOfBand(p.ID, func(s *atlassim.CloudManagerProjectSnapshot) { s.Name = "renamed-in-ui" })
					}
				},
				Config: cmConfig(env, "cm-after", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.TestCheckResourceAttr(addr, "name", "cm-after"),
			},
			{
				// org_id cannot change in place.
				Config: env.Config(`
resource "mongodbatlas_cloud_manager_project" "test" {
  name   = "cm-after"
  org_id = "0123456789abcdef01234567"
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				// The simulator knows one organization, so the create half fails; the plan is what matters.
				ExpectError: regexp.MustCompile(`(?s)Creating Cloud Manager project "cm-after" failed.*ORG_NOT_FOUND`),
			},
		},
	})
}

func TestAccCloudManagerProject_import(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := cmConfig(env, "cm-imported", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:            cfg,
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
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
			{
				// terraform plan -generate-config-out writes a configuration that plans no change.
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
			},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "cm-imported",
				ExpectError:   regexp.MustCompile(`(?s)The import ID must be the Cloud Manager project id: 24 hexadecimal.*Got\s+"cm-imported"`),
			},
		},
	})
}

func TestAccCloudManagerProject_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cmConfig(env, "cm-vanishing", ""),
				Check: func(s *terraform.State) error {
					if !env.Sim.DeleteCloudManagerProjectOutOfBand(stateID(s, addr)) {
						return fmt.Errorf("could not delete the project out of band")
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				RefreshState: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// Some Ops Manager releases return the agent API key only on create: the key
// from creation stays in state, and no diff appears.
func TestAccCloudManagerProject_agentKeyOnlyOnCreate(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Sim.SetCloudManagerAgentAPIKeyOnGet(false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cmConfig(env, "cm-key-once", ""), Check: agentKeyMatchesSim(env)},
			{RefreshState: true, Check: agentKeyMatchesSim(env)},
			{
				Config: cmConfig(env, "cm-key-renamed", ""),
				Check:  agentKeyMatchesSim(env),
			},
		},
	})
}

// The project was created but the answer was lost: it is found by name and
// adopted, with one POST.
func TestAccCloudManagerProject_lostCreateResponse(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Sim.AddFault(atlassim.Fault{Method: "POST", Path: cmGroups, Count: 1, DropResponse: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{{
			Config: cmConfig(env, "cm-adopted", ""),
			Check: resource.ComposeAggregateTestCheckFunc(
				agentKeyMatchesSim(env),
				func(s *terraform.State) error {
					if n := env.CountRequests("POST", cmGroups); n != 1 {
						return fmt.Errorf("POST %s sent %d times, want exactly once", cmGroups, n)
					}
					if n := len(env.Sim.CloudManagerProjects()); n != 1 {
						return fmt.Errorf("%d projects in the simulator, want the adopted one", n)
					}
					return nil
				},
			),
		}},
	})
}

// A 503 that never reached the project store: the lookup by name finds
// nothing, so the POST is sent again and the apply converges with one project.
func TestAccCloudManagerProject_failedCreateSentAgain(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Sim.AddFault(atlassim.Fault{Method: "POST", Path: cmGroups, Count: 1, Status: 503})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: cmConfig(env, "cm-unlucky", ""),
			Check: func(*terraform.State) error {
				if n := env.CountRequests("POST", cmGroups); n != 2 {
					return fmt.Errorf("POST %s sent %d times, want twice (the 503, then the create)", cmGroups, n)
				}
				if n := env.CountRequests("GET", cmGroups+"/byName/cm-unlucky"); n != 1 {
					return fmt.Errorf("the lookup by name ran %d times, want once", n)
				}
				if n := len(env.Sim.CloudManagerProjects()); n != 1 {
					return fmt.Errorf("%d projects in the simulator, want 1", n)
				}
				return nil
			},
		}},
	})
}

func TestAccCloudManagerProject_badInput(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct{ name, config, want string }{
		{"name too long", cmConfig(env, strings.Repeat("n", 65), ""), `(?s)Invalid project name.*Attribute name: the project name.*is\s+65\s+characters\s+long`},
		{"org id", env.Config(`resource "mongodbatlas_cloud_manager_project" "test" {
  name   = "p"
  org_id = "not-hex"
}`), `(?s)Attribute org_id must be a 24-character hexadecimal`},
		{"owner id", cmConfig(env, "p", `project_owner_id = "me"`), `(?s)Attribute project_owner_id must be a 24-character`},
		{"computed only", cmConfig(env, "p", `agent_api_key = "x"`), `(?s)Invalid Configuration for Read-Only Attribute`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: regexp.MustCompile(tc.want), PlanOnly: true}},
			})
		})
	}
	t.Cleanup(func() {
		for _, r := range env.Requests() {
			t.Errorf("bad input reached the API: %s", r)
		}
	})
}

func TestAccCloudManagerProject_createErrors(t *testing.T) {
	env := acctest.NewEnv(t)
	if _, err := env.Sim.SeedCloudManagerProject("cm-taken"); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cmConfig(env, "cm-taken", ""),
				ExpectError: regexp.MustCompile(`(?s)GROUP_ALREADY_EXISTS.*Choose another name, or bring the existing project under\s+Terraform`),
			},
			{
				Config:      cmConfig(env, "cm-owner", `project_owner_id = "0123456789abcdef01234567"`),
				ExpectError: regexp.MustCompile(`(?s)USER_NOT_FOUND.*project_owner_id must be the id of an existing user`),
			},
		},
	})
}

// One configuration, one set of credentials: an Atlas project through
// /api/atlas/v2 and a Cloud Manager project through /api/public/v1.0.
func TestAccCloudManagerProject_withAtlasProject(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := cmConfig(env, "cm-side", "") + atlasProjectBlock(env, "atlas-side")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(s *terraform.State) error {
				if _, ok := env.Sim.CloudManagerProject(stateID(s, addr)); !ok {
					return fmt.Errorf("the Cloud Manager project is not a Cloud Manager project in the simulator")
				}
				if _, ok := env.Sim.Project(stateID(s, atlasAddr)); !ok {
					return fmt.Errorf("the Atlas project is not an Atlas project in the simulator")
				}
				if env.CountRequests("POST", cmGroups) != 1 || env.CountRequests("POST", "/api/atlas/v2/groups") != 1 {
					return fmt.Errorf("each project should be created once on its own API: %q", env.Requests())
				}
				return nil
			},
		}},
	})
}

// agent_api_key never appears in provider or Terraform logs, even at TRACE.
// Not parallel: the log settings are process environment variables.
func TestAccCloudManagerProject_agentKeyNotLogged(t *testing.T) {
	env := acctest.NewEnv(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_LOG", "TRACE")
	var key string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cmConfig(env, "cm-logged", ""),
				Check: checkSim(env, func(p atlassim.CloudManagerProjectSnapshot, _ map[string]string) error {
					key = p.AgentAPIKey
					return nil
				}),
			},
			{Config: cmConfig(env, "cm-logged-renamed", "")},
		},
	})
	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	// The log must hold the provider's request and body lines, or the check below proves nothing.
	for _, want := range []string{regexp.QuoteMeta(cmGroups), "Atlas response body", `agentApiKey\\?":\\?"\[REDACTED\]`} {
		if !regexp.MustCompile(want).Match(logs) {
			t.Fatalf("the trace log (%d bytes) does not match %s", len(logs), want)
		}
	}
	if key == "" || strings.Contains(string(logs), key) {
		t.Errorf("the agent API key appears in the trace log %s", logPath)
	}
}

// Cloud Manager accepts project names with spaces (its own documented
// example is "Create Project API Example"), as Atlas does ("Project 0").
func TestAccCloudManagerProject_nameWithSpaces(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: cmConfig(env, "Project 0", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Project 0")),
				},
				Check: checkSim(env, func(p atlassim.CloudManagerProjectSnapshot, _ map[string]string) error {
					if p.Name != "Project 0" {
						return fmt.Errorf("simulator holds name %q", p.Name)
					}
					return nil
				}),
			},
			{
				Config: cmConfig(env, "Create Project API Example", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkSim(env, func(p atlassim.CloudManagerProjectSnapshot, _ map[string]string) error {
					if p.Name != "Create Project API Example" {
						return fmt.Errorf("simulator holds name %q", p.Name)
					}
					return nil
				}),
			},
		},
	})
}
