package flexcluster_test

import (
	"fmt"
	"regexp"
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

const addr = "mongodbatlas_flex_cluster.test"

// flexConfig is a project plus one flex cluster; extra goes inside the cluster block.
func flexConfig(env *acctest.Env, name, region, extra string) string {
	return env.Config(flexBody(env, name, region, extra))
}

// flexBody is flexConfig without the provider block.
func flexBody(env *acctest.Env, name, region, extra string) string {
	return fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = "flex-project"
  org_id = %q
}

resource "mongodbatlas_flex_cluster" "test" {
  project_id = mongodbatlas_project.test.id
  name       = %q
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = %q
  }
%s
}
`, env.OrgID, name, region, extra)
}

func clusterKey(s *terraform.State) (projectID, name string) {
	attrs := s.RootModule().Resources[addr].Primary.Attributes
	return attrs["project_id"], attrs["name"]
}

func checkSimCluster(env *acctest.Env, f func(atlassim.FlexClusterSnapshot) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		pid, name := clusterKey(s)
		c, ok := env.Sim.FlexCluster(pid, name)
		if !ok {
			return fmt.Errorf("flex cluster %s/%s is not in the simulator", pid, name)
		}
		return f(c)
	}
}

// noRequests fails if the simulator received a request with this method on a flex cluster path.
func noRequests(env *acctest.Env, method string) func() error {
	return func() error {
		for _, r := range env.Requests() {
			if strings.HasPrefix(r, method+" ") && strings.Contains(r, "/flexClusters") {
				return fmt.Errorf("unexpected request: %s", r)
			}
		}
		return nil
	}
}

func TestAccFlexCluster_basic(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithTransition(time.Second))
	cfg := flexConfig(env, "basic-flex", "US_EAST_1", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			// Destroying the project right after its cluster works: the cluster delete waits until Atlas has removed it.
			if n := len(env.Sim.Projects()); n != 0 {
				return fmt.Errorf("%d projects left after destroy", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state_name"), knownvalue.StringExact("IDLE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-f0-9]{24}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connection_strings").AtMapKey("standard"), knownvalue.StringRegexp(regexp.MustCompile(`^mongodb://`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connection_strings").AtMapKey("standard_srv"), knownvalue.StringRegexp(regexp.MustCompile(`^mongodb\+srv://`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("provider_settings").AtMapKey("provider_name"), knownvalue.StringExact("FLEX")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("provider_settings").AtMapKey("disk_size_gb"), knownvalue.Float64Exact(5)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("termination_protection_enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("delete_on_create_timeout"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cluster_type"), knownvalue.StringExact("REPLICASET")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("backup_settings").AtMapKey("enabled"), knownvalue.Bool(true)),
				},
			},
			{
				Config: cfg + `
data "mongodbatlas_flex_cluster" "one" {
  project_id = mongodbatlas_flex_cluster.test.project_id
  name       = mongodbatlas_flex_cluster.test.name
}

data "mongodbatlas_flex_clusters" "all" {
  project_id = mongodbatlas_flex_cluster.test.project_id
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.mongodbatlas_flex_cluster.one", "id", addr, "id"),
					resource.TestCheckResourceAttrPair("data.mongodbatlas_flex_cluster.one", "connection_strings.standard", addr, "connection_strings.standard"),
					resource.TestCheckResourceAttr("data.mongodbatlas_flex_cluster.one", "provider_settings.region_name", "US_EAST_1"),
					resource.TestCheckResourceAttr("data.mongodbatlas_flex_clusters.all", "results.#", "1"),
					resource.TestCheckResourceAttrPair("data.mongodbatlas_flex_clusters.all", "results.0.name", addr, "name"),
				),
			},
		},
	})
}

func TestAccFlexCluster_update(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithTransition(time.Second))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: flexConfig(env, "updated-flex", "US_EAST_1", `  tags = { env = "dev" }`)},
			{
				Config: flexConfig(env, "updated-flex", "US_EAST_1", `  tags = { env = "prod", team = "data" }
  termination_protection_enabled = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					// The plan shows what changes and nothing else: no "known after apply".
					acctest.ChangedAttributes(addr, "tags", "termination_protection_enabled"),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "state_name", "IDLE"),
					resource.TestCheckResourceAttr(addr, "termination_protection_enabled", "true"),
					checkSimCluster(env, func(c atlassim.FlexClusterSnapshot) error {
						if !c.TerminationProtectionEnabled || len(c.Tags) != 2 {
							return fmt.Errorf("simulator cluster %+v", c)
						}
						return nil
					}),
				),
			},
			{
				Config: flexConfig(env, "updated-flex", "US_EAST_1", `  termination_protection_enabled = false`),
				Check: checkSimCluster(env, func(c atlassim.FlexClusterSnapshot) error {
					if c.TerminationProtectionEnabled || len(c.Tags) != 0 {
						return fmt.Errorf("simulator cluster %+v", c)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccFlexCluster_replace(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: flexConfig(env, "first-name", "US_EAST_1", "")},
			{
				Config: flexConfig(env, "second-name", "EU_WEST_1", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					pid, _ := clusterKey(s)
					clusters := env.Sim.FlexClusters(pid)
					if len(clusters) != 1 || clusters[0].Name != "second-name" || clusters[0].RegionName != "EU_WEST_1" {
						return fmt.Errorf("simulator has %+v", clusters)
					}
					return nil
				},
			},
		},
	})
}

func TestAccFlexCluster_terminationProtection(t *testing.T) {
	env := acctest.NewEnv(t)
	protected := flexConfig(env, "guarded", "US_EAST_1", `  termination_protection_enabled = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: protected},
			{
				PreConfig:   env.Sim.ResetRequests,
				Config:      protected,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)Termination protection forbids destroying flex cluster "guarded".*set\s+termination_protection_enabled = false`),
			},
			{
				Config:      flexConfig(env, "guarded", "EU_WEST_1", `  termination_protection_enabled = true`),
				ExpectError: regexp.MustCompile(`(?s)Termination protection forbids replacing flex cluster "guarded"`),
			},
			{
				// Nothing was deleted by the refused plans.
				PreConfig: func() {
					if err := noRequests(env, "DELETE")(); err != nil {
						t.Error(err)
					}
				},
				Config: flexConfig(env, "guarded", "US_EAST_1", `  termination_protection_enabled = false`),
			},
		},
	})
}

func TestAccFlexCluster_import(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := flexConfig(env, "imported-flex", "US_EAST_1", `  tags = { env = "dev" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:       cfg,
				ResourceName: addr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					pid, name := clusterKey(s)
					return pid + "-" + name, nil
				},
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "name",
				ImportStateVerifyIgnore:              []string{"delete_on_create_timeout", "timeouts"},
			},
			{
				// terraform plan -generate-config-out writes a configuration that plans no change.
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					pid, name := clusterKey(s)
					return pid + "-" + name, nil
				},
			},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "imported-flex",
				ExpectError:   regexp.MustCompile(`(?s)must be\s+\{project_id\}-\{name\}`),
			},
		},
	})
}

func TestAccFlexCluster_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: flexConfig(env, "vanishing-flex", "US_EAST_1", ""),
			Check: func(s *terraform.State) error {
				pid, name := clusterKey(s)
				if !env.Sim.DeleteFlexClusterOutOfBand(pid, name) {
					return fmt.Errorf("could not delete the cluster out of band")
				}
				return nil
			},
			ExpectNonEmptyPlan: true,
		}},
	})
}

func TestAccFlexCluster_createTimeout(t *testing.T) {
	t.Run("delete_on_create_timeout=true", func(t *testing.T) {
		env := acctest.NewEnv(t, acctest.WithTransition(8*time.Second))
		cfg := flexConfig(env, "slow-flex", "US_EAST_1", `  timeouts = { create = "2s" }`)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories(),
			Steps: []resource.TestStep{
				{
					Config:      cfg,
					ExpectError: regexp.MustCompile(`(?s)did not finish creating the cluster within\s+timeouts.create.*delete_on_create_timeout is true, so the cluster was\s+deleted`),
				},
				{
					// The cluster is being deleted in Atlas and is not in state: the next plan creates it again.
					PreConfig: func() {
						for _, p := range env.Sim.Projects() {
							for _, c := range env.Sim.FlexClusters(p.ID) {
								if c.State != "DELETING" {
									t.Errorf("cluster %s is %s after the cleanup, want DELETING", c.Name, c.State)
								}
							}
						}
					},
					Config:   cfg,
					PlanOnly: true,
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					}},
					ExpectNonEmptyPlan: true,
				},
			},
		})
	})
	t.Run("delete_on_create_timeout=false", func(t *testing.T) {
		env := acctest.NewEnv(t, acctest.WithTransition(6*time.Second))
		cfg := flexConfig(env, "kept-flex", "US_EAST_1", `  timeouts = { create = "1s" }
  delete_on_create_timeout = false`)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories(),
			Steps: []resource.TestStep{
				{
					Config:      cfg,
					ExpectError: regexp.MustCompile(`(?s)delete_on_create_timeout is false, so the cluster is kept in the Terraform\s+state and marked tainted`),
				},
				{
					// The cluster was kept: in state (tainted, so replaced) and in Atlas, never orphaned.
					Config:   cfg,
					PlanOnly: true,
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					ExpectNonEmptyPlan: true,
				},
			},
		})
	})
}

func TestAccFlexCluster_lostCreateResponse(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Sim.AddFault(atlassim.Fault{Method: "POST", Path: "/api/atlas/v2/groups/*/flexClusters", Count: 1, DropResponse: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: flexConfig(env, "adopted-flex", "US_EAST_1", ""),
			Check: func(s *terraform.State) error {
				pid, _ := clusterKey(s)
				if n := env.CountRequests("POST", "/api/atlas/v2/groups/"+pid+"/flexClusters"); n != 1 {
					return fmt.Errorf("POST flexClusters sent %d times, want exactly once", n)
				}
				if clusters := env.Sim.FlexClusters(pid); len(clusters) != 1 {
					return fmt.Errorf("%d clusters in the simulator, want 1", len(clusters))
				}
				return nil
			},
		}},
	})
}

func TestAccFlexCluster_badInput(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct{ name, cfg, want string }{
		{"name", flexConfig(env, "bad_name", "US_EAST_1", ""), `(?s)name.*must start with a letter or digit`},
		{"provider", strings.Replace(flexConfig(env, "ok", "US_EAST_1", ""), `"AWS"`, `"IBM"`, 1), `(?s)backing_provider_name.*value must be one of`},
		{"region", flexConfig(env, "ok", "us-east-1", ""), `(?s)region_name.*upper\s+case\s+with\s+underscores`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.cfg, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}
