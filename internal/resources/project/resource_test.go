package project_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const addr = "mongodbatlas_project.test"

func projectConfig(env *acctest.Env, name, extra string) string {
	return env.Config(fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = %q
  org_id = %q
%s
}
`, name, env.OrgID, extra))
}

// projectID reads the id of the test project from state.
func projectID(s *terraform.State) string {
	return s.RootModule().Resources[addr].Primary.ID
}

// checkSim runs f on the stored project.
func checkSim(env *acctest.Env, f func(p atlassim.ProjectSnapshot) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := projectID(s)
		p, ok := env.Sim.Project(id)
		if !ok {
			return fmt.Errorf("project %s is not in the simulator", id)
		}
		return f(p)
	}
}

func checkDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "mongodbatlas_project" {
				continue
			}
			if _, ok := env.Sim.Project(rs.Primary.ID); ok {
				return fmt.Errorf("project %s still exists after destroy", rs.Primary.ID)
			}
		}
		return nil
	}
}

// expectRequests asserts the simulator's request log (digest challenges left
// out), in order.
func expectRequests(env *acctest.Env, want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := projectID(s)
		got := env.Requests()
		for i := range want {
			want[i] = regexp.MustCompile(`\{id\}`).ReplaceAllString(want[i], id)
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("requests:\n got  %q\n want %q", got, want)
		}
		return nil
	}
}

func TestAccProject_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "basic-project", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-f0-9]{24}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("basic-project")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("org_id"), knownvalue.StringExact(env.OrgID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cluster_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("with_default_alerts_settings"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_data_explorer_enabled"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("ip_addresses").AtMapKey("services").AtMapKey("clusters"), knownvalue.ListExact(nil)),
				},
				// Creating a project takes two requests: the project and its settings.
				Check: expectRequests(env,
					"POST /api/atlas/v2/groups 201",
					"GET /api/atlas/v2/groups/{id}/settings 200"),
			},
			{
				// A refresh takes one: the configuration sets no setting, so
				// they are not read again (TestAccProject_driftSettings).
				PreConfig:    env.Sim.ResetRequests,
				RefreshState: true,
				Check:        expectRequests(env, "GET /api/atlas/v2/groups/{id} 200"),
			},
		},
	})
}

func TestAccProject_update(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: projectConfig(env, "before-rename", `tags = { env = "dev" }`)},
			{
				PreConfig: env.Sim.ResetRequests,
				Config:    projectConfig(env, "after-rename", `tags = { env = "prod" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					// The plan shows the rename and the tags, nothing "known after apply".
					acctest.ChangedAttributes(addr, "name", "tags"),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "name", "after-rename"),
					checkSim(env, func(p atlassim.ProjectSnapshot) error {
						if p.Name != "after-rename" || len(p.Tags) != 1 || p.Tags[0].Value != "prod" {
							return fmt.Errorf("simulator has name %q tags %v", p.Name, p.Tags)
						}
						return nil
					}),
					// refresh before the change (no settings configured: one GET),
					// then one PATCH; nothing else.
					expectRequests(env,
						"GET /api/atlas/v2/groups/{id} 200",
						"PATCH /api/atlas/v2/groups/{id} 200"),
				),
			},
		},
	})
}

func TestAccProject_orgChangeReplaces(t *testing.T) {
	env := acctest.NewEnv(t)
	other := "0123456789abcdef01234567"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: projectConfig(env, "org-move", "")},
			{
				Config: env.Config(fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = "org-move"
  org_id = %q
}`, other)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				// The simulator knows one organization, so the create half fails; the plan is what matters.
				ExpectError: regexp.MustCompile(`Creating project "org-move" in organization ` + other + ` failed`),
			},
		},
	})
}

func TestAccProject_import(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := projectConfig(env, "imported", `tags = { team = "data" }
  is_schema_advisor_enabled = false`)
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
				// An import reads the slow operation setting, which a create
				// without it in the configuration leaves null.
				ImportStateVerifyIgnore: []string{"timeouts", "is_slow_operation_thresholding_enabled"},
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
				ImportStateId: "not-a-project-id",
				ExpectError:   regexp.MustCompile(`(?s)The import ID must be the project id.*Got\s+"not-a-project-id"`),
			},
		},
	})
}

func TestAccProject_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "vanishing", ""),
				Check: func(s *terraform.State) error {
					if !env.Sim.DeleteProjectOutOfBand(projectID(s)) {
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

func TestAccProject_tags(t *testing.T) {
	env := acctest.NewEnv(t)
	simTags := func(want map[string]string) resource.TestCheckFunc {
		return checkSim(env, func(p atlassim.ProjectSnapshot) error {
			got := map[string]string{}
			for _, tag := range p.Tags {
				got[tag.Key] = tag.Value
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				return fmt.Errorf("simulator tags %v, want %v", got, want)
			}
			return nil
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      projectConfig(env, "tagged", `tags = { env = "dev", "cost center" = "R&D 42" }`),
				ExpectError: regexp.MustCompile(`(?s)Invalid tag value.*"R&D 42".*contains characters Atlas\s+rejects`),
			},
			{
				Config: projectConfig(env, "tagged", `tags = { env = "dev", "cost center" = "RD-42" }`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "tags.env", "dev"),
					resource.TestCheckResourceAttr(addr, "tags.cost center", "RD-42"),
					simTags(map[string]string{"env": "dev", "cost center": "RD-42"}),
				),
			},
			{
				Config: projectConfig(env, "tagged", `tags = { env = "prod" }`),
				Check:  simTags(map[string]string{"env": "prod"}),
			},
			{
				Config: projectConfig(env, "tagged", ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckNoResourceAttr(addr, "tags.%"),
					simTags(map[string]string{}),
				),
			},
		},
	})
}

func TestAccProject_limits(t *testing.T) {
	env := acctest.NewEnv(t)
	limits := func(values ...string) string {
		out := ""
		for i := 0; i+1 < len(values); i += 2 {
			out += fmt.Sprintf("  limits {\n    name  = %q\n    value = %s\n  }\n", values[i], values[i+1])
		}
		return out
	}
	simLimits := func(want map[string]int64) resource.TestCheckFunc {
		return checkSim(env, func(p atlassim.ProjectSnapshot) error {
			if fmt.Sprint(p.Limits) != fmt.Sprint(want) {
				return fmt.Errorf("simulator limits %v, want %v", p.Limits, want)
			}
			return nil
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "limited", limits("atlas.project.deployment.clusters", "40", "atlas.project.security.databaseAccess.users", "80")),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "limits.#", "2"),
					resource.TestCheckTypeSetElemNestedAttrs(addr, "limits.*", map[string]string{"name": "atlas.project.deployment.clusters", "value": "40"}),
					resource.TestCheckTypeSetElemAttrPair(addr, "limits.0.maximum_limit", addr, "limits.0.maximum_limit"),
					simLimits(map[string]int64{"atlas.project.deployment.clusters": 40, "atlas.project.security.databaseAccess.users": 80}),
				),
			},
			{
				Config: projectConfig(env, "limited", limits("atlas.project.deployment.clusters", "50")),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "limits.#", "1"),
					simLimits(map[string]int64{"atlas.project.deployment.clusters": 50}),
				),
			},
			{
				Config: projectConfig(env, "limited", ""),
				Check:  simLimits(map[string]int64{}),
			},
		},
	})
}

func TestAccProject_settings(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "configured", `is_data_explorer_enabled = false
  is_schema_advisor_enabled = false`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "is_data_explorer_enabled", "false"),
					resource.TestCheckResourceAttr(addr, "is_schema_advisor_enabled", "false"),
					resource.TestCheckResourceAttrSet(addr, "is_performance_advisor_enabled"),
					checkSim(env, func(p atlassim.ProjectSnapshot) error {
						if p.Settings.IsDataExplorerEnabled || p.Settings.IsSchemaAdvisorEnabled {
							return fmt.Errorf("simulator settings %+v", p.Settings)
						}
						return nil
					}),
				),
			},
			{
				PreConfig: env.Sim.ResetRequests,
				Config: projectConfig(env, "configured", `is_data_explorer_enabled = true
  is_schema_advisor_enabled = false`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "is_data_explorer_enabled", "true"),
					expectRequests(env,
						"GET /api/atlas/v2/groups/{id} 200",
						"GET /api/atlas/v2/groups/{id}/settings 200",
						"PATCH /api/atlas/v2/groups/{id}/settings 200"),
				),
			},
			{
				Config: projectConfig(env, "configured", `is_data_explorer_enabled = true
  is_schema_advisor_enabled = false
  is_slow_operation_thresholding_enabled = true`),
				Check: checkSim(env, func(p atlassim.ProjectSnapshot) error {
					if !p.ManagedSlowMs {
						return fmt.Errorf("managed slow ms not enabled")
					}
					return nil
				}),
			},
		},
	})
}

func TestAccProject_createOnly(t *testing.T) {
	env := acctest.NewEnv(t)
	owner := env.Sim.SeedUser("owner@example.com")
	other := env.Sim.SeedUser("other@example.com")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: projectConfig(env, "owned", fmt.Sprintf("project_owner_id = %q", owner))},
			{
				Config:      projectConfig(env, "owned", fmt.Sprintf("project_owner_id = %q", other)),
				ExpectError: regexp.MustCompile(`(?s)project_owner_id cannot be changed.*can only be set when the resource is\s+created`),
			},
			{
				Config:      projectConfig(env, "owned", fmt.Sprintf("project_owner_id = %q\n  with_default_alerts_settings = false", owner)),
				ExpectError: regexp.MustCompile(`with_default_alerts_settings cannot be changed`),
			},
			{
				// Leaving a create-only value out of the configuration only forgets it; Atlas is not asked to change anything.
				PreConfig: env.Sim.ResetRequests,
				Config:    projectConfig(env, "owned", ""),
				Check: func(*terraform.State) error {
					for _, r := range env.Requests() {
						if !strings.HasPrefix(r, "GET ") {
							return fmt.Errorf("unexpected write: %s", r)
						}
					}
					return nil
				},
			},
		},
	})
}

func TestAccProject_badInput(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct {
		name, config string
		want         string
	}{
		{"name too long", projectConfig(env, strings.Repeat("n", 65), ""), `(?s)Invalid project name.*Attribute name: the project name.*is\s+65\s+characters\s+long`},
		{"org id", env.Config(`resource "mongodbatlas_project" "test" {
  name   = "p"
  org_id = "not-hex"
}`), `(?s)Attribute org_id must be a 24-character hexadecimal Atlas id`},
		{"too long tag", projectConfig(env, "p", fmt.Sprintf("tags = { k = %q }", strings.Repeat("x", 256))), `is 256 characters long`},
		{"region", projectConfig(env, "p", `region_usage_restrictions = "EVERYWHERE"`), `(?s)region_usage_restrictions.*value must be one of`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: regexp.MustCompile(tc.want), PlanOnly: true}},
			})
		})
	}
	// Plan-time validation: nothing reached the API.
	t.Cleanup(func() {
		for _, r := range env.Requests() {
			t.Errorf("bad input reached the API: %s", r)
		}
	})
}

func TestAccProject_lostCreateResponse(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Sim.AddFault(atlassim.Fault{Method: "POST", Path: "/api/atlas/v2/groups", Count: 1, DropResponse: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{{
			Config: projectConfig(env, "adopted", ""),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrSet(addr, "id"),
				func(s *terraform.State) error {
					if n := env.CountRequests("POST", "/api/atlas/v2/groups"); n != 1 {
						return fmt.Errorf("POST /groups sent %d times, want exactly once", n)
					}
					if _, ok := env.Sim.Project(projectID(s)); !ok {
						return fmt.Errorf("the adopted project is not the one in the simulator")
					}
					return nil
				},
			),
		}},
	})
}

func TestAccProject_deleteWaitsForClusters(t *testing.T) {
	// The cluster takes 15 s to go: long enough that the project delete surely
	// meets it while it is DELETING, even on a loaded machine.
	env := acctest.NewEnv(t, acctest.WithTransition(15*time.Second))
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "with-cluster", ""),
				Check: func(s *terraform.State) error {
					id = projectID(s)
					return env.Sim.SeedCluster(id, "idle-cluster")
				},
			},
			{
				// A cluster that nobody deletes blocks the project: fail at once, naming it.
				Config:      projectConfig(env, "with-cluster", ""),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`still\s+holds\s+clusters\s+that\s+are\s+not\s+being\s+deleted:\s+idle-cluster\s+\(IDLE\)`),
			},
			{
				// A cluster on its way out: the delete waits until it is gone.
				PreConfig: func() {
					env.Sim.ResetRequests()
					if !env.Sim.DeleteClusterOutOfBand(id, "idle-cluster") {
						t.Error("cluster not found")
					}
				},
				Config:  projectConfig(env, "with-cluster", ""),
				Destroy: true,
				Check: func(*terraform.State) error {
					refused, accepted := 0, 0
					for _, r := range env.Requests() {
						switch r {
						case "DELETE /api/atlas/v2/groups/" + id + " 409":
							refused++
						case "DELETE /api/atlas/v2/groups/" + id + " 202":
							accepted++
						}
					}
					if refused == 0 || accepted != 1 {
						return fmt.Errorf("expected the delete to be refused while the cluster was deleting, then accepted once; got %d refusals, %d acceptances", refused, accepted)
					}
					return nil
				},
			},
		},
	})
}

// Atlas accepts project names with spaces: "Project 0" is the name it gives
// the first project of every new organization, "First Project" the one its
// documentation uses. Such a project is created, renamed and planned like
// any other.
func TestAccProject_nameWithSpaces(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "Project 0", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Project 0")),
				},
				Check: checkSim(env, func(p atlassim.ProjectSnapshot) error {
					if p.Name != "Project 0" {
						return fmt.Errorf("simulator holds name %q", p.Name)
					}
					return nil
				}),
			},
			{
				Config: projectConfig(env, "First Project", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkSim(env, func(p atlassim.ProjectSnapshot) error {
					if p.Name != "First Project" {
						return fmt.Errorf("simulator holds name %q", p.Name)
					}
					return nil
				}),
			},
		},
	})
}

// What Atlas does refuse in a project name is caught at plan time, with the
// attribute, the value and what to change.
func TestAccProject_nameRefusedAtPlanTime(t *testing.T) {
	env := acctest.NewEnv(t)
	long := strings.Repeat("p", 65)
	cases := []struct{ name, value, want string }{
		{"empty", "", `Attribute name: the project name is empty; Atlas requires 1 to 64 characters.`},
		{"too long", long, `Attribute name: the project name "` + long + `" is 65 characters long; Atlas allows at most 64. Shorten it.`},
		{"10gen", "team-10gen-x", `Attribute name: the project name "team-10gen-x" contains "10gen-" or "-10gen", which Atlas reserves. Choose another name.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The CLI wraps long lines: any run of white space between words.
			want := regexp.MustCompile(`Invalid project name(?s).*` + strings.Join(strings.Fields(regexp.QuoteMeta(tc.want)), `\s+`))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: projectConfig(env, tc.value, ""), ExpectError: want, PlanOnly: true}},
			})
		})
	}
	t.Cleanup(func() {
		for _, r := range env.Requests() {
			t.Errorf("bad input reached the API: %s", r)
		}
	})
}
