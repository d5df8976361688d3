package serverlessinstance_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/serverlessinstance"
)

const addr = "mongodbatlas_serverless_instance.test"

const projectBlock = `
resource "mongodbatlas_project" "test" {
  name   = "serverless-project"
  org_id = %q
}
`

// instanceConfig is the configuration users have had since before 2025.
func instanceConfig(env *acctest.Env, extra string) string {
	return env.Config(instanceBody(env, "legacy", extra))
}

// instanceBody is a project and a serverless instance named name, without the provider
// block; extra goes inside the instance block.
func instanceBody(env *acctest.Env, name, extra string) string {
	return fmt.Sprintf(projectBlock, env.OrgID) + fmt.Sprintf(`
resource "mongodbatlas_serverless_instance" "test" {
  project_id                              = mongodbatlas_project.test.id
  name                                    = %q
  provider_settings_backing_provider_name = "AWS"
  provider_settings_provider_name         = "SERVERLESS"
  provider_settings_region_name           = "US_EAST_1"
%s
}
`, name, extra)
}

func projectID(s *terraform.State) string {
	return s.RootModule().Resources["mongodbatlas_project.test"].Primary.ID
}

// writes lists the simulator's create/update/delete requests on deployments.
func writes(env *acctest.Env) []string {
	var out []string
	for _, r := range env.Requests() {
		if !strings.HasPrefix(r, "GET ") && (strings.Contains(r, "/serverless") || strings.Contains(r, "/flexClusters") || strings.Contains(r, "/clusters")) {
			out = append(out, r)
		}
	}
	return out
}

// TestAccServerlessInstance_eras runs the whole lifecycle on each date of
// Atlas's move from serverless to flex. The same configuration works in every
// era; what the simulator received shows which API carried each step.
func TestAccServerlessInstance_eras(t *testing.T) {
	cases := []struct {
		date       string
		createdVia string // request that created the instance
		kind       string // what the simulator holds afterwards
	}{
		{"2024-06-01", "POST /api/atlas/v2/groups/{id}/serverless 201", atlassim.ServerlessKindServerless},
		{"2025-06-01", "POST /api/atlas/v2/groups/{id}/serverless 201", atlassim.ServerlessKindFlex},
		{"2026-01-18", "POST /api/atlas/v2/groups/{id}/serverless 201", atlassim.ServerlessKindFlex},
		{"2026-06-01", "POST /api/atlas/v2/groups/{id}/flexClusters 201", ""},
		{"2027-03-01", "POST /api/atlas/v2/groups/{id}/flexClusters 201", ""},
	}
	for _, tc := range cases {
		t.Run(tc.date, func(t *testing.T) {
			env := acctest.NewEnv(t, acctest.WithWorldDate(tc.date), acctest.WithTransition(500*time.Millisecond))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{
						Config: instanceConfig(env, `  tags {
    key   = "env"
    value = "dev"
  }`),
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(addr, "state_name", "IDLE"),
							resource.TestCheckResourceAttr(addr, "provider_settings_provider_name", "SERVERLESS"),
							resource.TestCheckResourceAttrSet(addr, "connection_strings_standard_srv"),
							resource.TestCheckResourceAttr(addr, "tags.#", "1"),
							func(s *terraform.State) error {
								pid := projectID(s)
								want := strings.ReplaceAll(tc.createdVia, "{id}", pid)
								if got := writes(env); len(got) == 0 || !slicesContain(got, want) {
									return fmt.Errorf("writes %q, want %q among them", got, want)
								}
								if want := serverlessinstance.EncodeID(pid, "legacy"); s.RootModule().Resources[addr].Primary.ID != want {
									return fmt.Errorf("id %q, want the official encoding %q", s.RootModule().Resources[addr].Primary.ID, want)
								}
								if tc.kind != "" {
									if inst, ok := env.Sim.ServerlessInstance(pid, "legacy"); !ok || inst.Kind != tc.kind {
										return fmt.Errorf("simulator holds %+v, want kind %s", inst, tc.kind)
									}
								} else if _, ok := env.Sim.FlexCluster(pid, "legacy"); !ok {
									return fmt.Errorf("no flex cluster in the simulator")
								}
								return nil
							},
						),
					},
					{
						Config: instanceConfig(env, `  termination_protection_enabled = true
  tags {
    key   = "env"
    value = "prod"
  }`),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
							// In every era the plan shows what changes and nothing "known after apply".
							acctest.ChangedAttributes(addr, "tags", "termination_protection_enabled"),
						}},
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(addr, "state_name", "IDLE"),
							resource.TestCheckResourceAttr(addr, "termination_protection_enabled", "true"),
							resource.TestCheckTypeSetElemNestedAttrs(addr, "tags.*", map[string]string{"key": "env", "value": "prod"}),
						),
					},
					{
						Config:      instanceConfig(env, `  termination_protection_enabled = true`),
						Destroy:     true,
						ExpectError: regexp.MustCompile(`Termination protection forbids destroying serverless instance "legacy"`),
					},
					{Config: instanceConfig(env, `  termination_protection_enabled = false`)},
				},
			})
		})
	}
}

func slicesContain(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

// An instance created in 2024 and migrated by Atlas: the configuration keeps
// working and plans nothing, whatever it became.
func TestAccServerlessInstance_migratedToFlex(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithWorldDate("2024-06-01"))
	cfg := instanceConfig(env, `  continuous_backup_enabled = true`)
	var pid string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					pid = projectID(s)
					return nil
				},
			},
			{
				// Atlas moves it to flex in 2025: no diff, although Atlas now reports no continuous backup.
				PreConfig: func() {
					env.Sim.SetWorldDate(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC))
					if err := env.Sim.MigrateServerless(pid, "legacy", "FLEX"); err != nil {
						t.Fatal(err)
					}
				},
				Config:   cfg,
				PlanOnly: true,
			},
			{
				// In 2026 the serverless list no longer shows it and its writes are gone; it still plans nothing.
				PreConfig: func() { env.Sim.SetWorldDate(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) },
				Config:    cfg,
				PlanOnly:  true,
			},
			{
				// Changing an option flex ignores plans a one-off update that sends nothing to Atlas.
				PreConfig: env.Sim.ResetRequests,
				Config:    instanceConfig(env, `  continuous_backup_enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if w := writes(env); len(w) != 0 {
						return fmt.Errorf("unexpected writes: %q", w)
					}
					return nil
				},
			},
			{
				PreConfig: func() { env.Sim.SetWorldDate(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)) },
				Config: instanceConfig(env, `  continuous_backup_enabled = true
  tags {
    key   = "team"
    value = "data"
  }`),
				Check: func(*terraform.State) error {
					fc, ok := env.Sim.FlexCluster(pid, "legacy")
					if !ok || len(fc.Tags) != 1 {
						return fmt.Errorf("flex cluster %+v, want the tag applied through the flex API", fc)
					}
					return nil
				},
			},
		},
	})
}

func TestAccServerlessInstance_migratedToCluster(t *testing.T) {
	for _, target := range []string{"FREE", "DEDICATED"} {
		t.Run(target, func(t *testing.T) {
			env := acctest.NewEnv(t, acctest.WithWorldDate("2024-06-01"))
			cfg := instanceConfig(env, "")
			var pid string
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{
						Config: cfg,
						Check: func(s *terraform.State) error {
							pid = projectID(s)
							return nil
						},
					},
					{
						// Kept in state: no second deployment with the same name is ever planned.
						PreConfig: func() {
							env.Sim.SetWorldDate(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))
							if err := env.Sim.MigrateServerless(pid, "legacy", target); err != nil {
								t.Fatal(err)
							}
						},
						Config:   cfg,
						PlanOnly: true,
					},
					{
						PreConfig:   env.Sim.ResetRequests,
						Config:      cfg,
						Destroy:     true,
						ExpectError: regexp.MustCompile(`(?s)was migrated to a free or dedicated cluster.*mongodbatlas_advanced_cluster.*removed\s+block`),
					},
					{
						// The way out the message gives: forget it, then import it elsewhere. Nothing is deleted.
						Config: env.Config(fmt.Sprintf(projectBlock, env.OrgID)) + `
removed {
  from = mongodbatlas_serverless_instance.test
  lifecycle {
    destroy = false
  }
}
`,
						Check: func(*terraform.State) error {
							if w := writes(env); len(w) != 0 {
								return fmt.Errorf("unexpected writes: %q", w)
							}
							if _, ok := env.Sim.Cluster(pid, "legacy"); !ok {
								return fmt.Errorf("the migrated cluster is gone")
							}
							return nil
						},
					},
					{
						// The user deletes the cluster elsewhere; then the project can be destroyed at the end.
						PreConfig: func() {
							if !env.Sim.DeleteClusterOutOfBand(pid, "legacy") {
								t.Error("migrated cluster not found")
							}
						},
						Config: env.Config(fmt.Sprintf(projectBlock, env.OrgID)),
					},
				},
			})
		})
	}
}

// moved { } from mongodbatlas_serverless_instance to mongodbatlas_flex_cluster:
// no write reaches Atlas and the next plan is empty.
func TestAccServerlessInstance_movedToFlexCluster(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithWorldDate("2025-06-01"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: instanceConfig(env, `  termination_protection_enabled = false
  tags {
    key   = "env"
    value = "dev"
  }`)},
			{
				PreConfig: env.Sim.ResetRequests,
				Config: env.Config(fmt.Sprintf(projectBlock, env.OrgID)) + `
resource "mongodbatlas_flex_cluster" "test" {
  project_id = mongodbatlas_project.test.id
  name       = "legacy"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  tags = { env = "dev" }
}

moved {
  from = mongodbatlas_serverless_instance.test
  to   = mongodbatlas_flex_cluster.test
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("mongodbatlas_flex_cluster.test", plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrSet("mongodbatlas_flex_cluster.test", "id"),
					resource.TestCheckResourceAttr("mongodbatlas_flex_cluster.test", "provider_settings.provider_name", "FLEX"),
					func(*terraform.State) error {
						for _, r := range env.Requests() {
							if !strings.HasPrefix(r, "GET ") {
								return fmt.Errorf("the move sent a write: %s", r)
							}
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccServerlessInstance_import(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithWorldDate("2025-06-01"))
	cfg := instanceConfig(env, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:       cfg,
				ResourceName: addr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return projectID(s) + "-legacy", nil
				},
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "auto_indexing"},
			},
			{
				// terraform plan -generate-config-out writes a configuration that plans no change.
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return projectID(s) + "-legacy", nil
				},
			},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "legacy",
				ExpectError:   regexp.MustCompile(`must be\s+\{project_id\}-\{name\}`),
			},
		},
	})
}

func TestAccServerlessInstanceDataSources_eras(t *testing.T) {
	for _, date := range []string{"2024-06-01", "2025-06-01", "2026-06-01"} {
		t.Run(date, func(t *testing.T) {
			env := acctest.NewEnv(t, acctest.WithWorldDate(date))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config: instanceConfig(env, "") + `
data "mongodbatlas_serverless_instance" "one" {
  project_id = mongodbatlas_serverless_instance.test.project_id
  name       = mongodbatlas_serverless_instance.test.name
}

data "mongodbatlas_serverless_instances" "all" {
  project_id = mongodbatlas_serverless_instance.test.project_id
}
`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttrPair("data.mongodbatlas_serverless_instance.one", "id", addr, "id"),
						resource.TestCheckResourceAttrPair("data.mongodbatlas_serverless_instance.one", "connection_strings_standard_srv", addr, "connection_strings_standard_srv"),
						resource.TestCheckResourceAttr("data.mongodbatlas_serverless_instances.all", "results.#", "1"),
						resource.TestCheckResourceAttr("data.mongodbatlas_serverless_instances.all", "results.0.name", "legacy"),
					),
				}},
			})
		})
	}
}
