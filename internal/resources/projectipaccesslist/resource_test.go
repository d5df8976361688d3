package projectipaccesslist_test

import (
	"fmt"
	"regexp"
	"sort"
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

const addr = "mongodbatlas_project_ip_access_list.test"

// entryConfig is a project plus one access list entry; body goes inside the entry block.
func entryConfig(env *acctest.Env, body string) string {
	return env.Config(projectBlock(env) + fmt.Sprintf(`
resource "mongodbatlas_project_ip_access_list" "test" {
  project_id = mongodbatlas_project.test.id
%s
}
`, body))
}

func projectBlock(env *acctest.Env) string {
	return fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = "access-project"
  org_id = %q
}
`, env.OrgID)
}

func projectID(s *terraform.State) string {
	return s.RootModule().Resources["mongodbatlas_project.test"].Primary.ID
}

// simEntries lists the simulator's entries of the test project, by value.
func simEntries(env *acctest.Env, s *terraform.State) map[string]atlassim.AccessListEntrySnapshot {
	out := map[string]atlassim.AccessListEntrySnapshot{}
	for _, e := range env.Sim.ProjectAccessList(projectID(s)) {
		key := e.CIDRBlock
		if e.IPAddress != "" {
			key = e.IPAddress
		}
		if e.AWSSecurityGroup != "" {
			key = e.AWSSecurityGroup
		}
		out[key] = e
	}
	return out
}

func TestAccProjectIPAccessList_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := env.Config(projectBlock(env) + `
resource "mongodbatlas_project_ip_access_list" "test" {
  project_id = mongodbatlas_project.test.id
  ip_address = "203.0.113.7"
  comment    = "office"
}

resource "mongodbatlas_project_ip_access_list" "block" {
  project_id = mongodbatlas_project.test.id
  cidr_block = "10.1.0.0/16"
}

resource "mongodbatlas_project_ip_access_list" "sg" {
  project_id         = mongodbatlas_project.test.id
  aws_security_group = "sg-903004f8"
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			for _, p := range env.Sim.Projects() {
				if n := len(env.Sim.ProjectAccessList(p.ID)); n != 0 {
					return fmt.Errorf("%d entries left after destroy", n)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// The block Atlas will report for the address is known at plan time.
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("cidr_block"), knownvalue.StringExact("203.0.113.7/32")),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("aws_security_group"), knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("ip_address"), knownvalue.StringExact("203.0.113.7")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cidr_block"), knownvalue.StringExact("203.0.113.7/32")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("comment"), knownvalue.StringExact("office")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^ZW50cnk=:MjAzLjAuMTEzLjc=-cHJvamVjdF9pZA==:`))),
					statecheck.ExpectKnownValue("mongodbatlas_project_ip_access_list.block", tfjsonpath.New("ip_address"), knownvalue.Null()),
					statecheck.ExpectKnownValue("mongodbatlas_project_ip_access_list.block", tfjsonpath.New("comment"), knownvalue.Null()),
					statecheck.ExpectKnownValue("mongodbatlas_project_ip_access_list.sg", tfjsonpath.New("cidr_block"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					entries := simEntries(env, s)
					if len(entries) != 3 || entries["203.0.113.7"].Comment != "office" || entries["10.1.0.0/16"].Status != "ACTIVE" {
						return fmt.Errorf("simulator entries %+v", entries)
					}
					return nil
				},
			},
			{
				Config: cfg + `
data "mongodbatlas_project_ip_access_list" "one" {
  project_id = mongodbatlas_project_ip_access_list.block.project_id
  cidr_block = mongodbatlas_project_ip_access_list.block.cidr_block
}

data "mongodbatlas_project_ip_access_lists" "all" {
  project_id = mongodbatlas_project.test.id
  depends_on = [mongodbatlas_project_ip_access_list.test, mongodbatlas_project_ip_access_list.block, mongodbatlas_project_ip_access_list.sg]
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.mongodbatlas_project_ip_access_list.one", "id", "mongodbatlas_project_ip_access_list.block", "id"),
					resource.TestCheckResourceAttr("data.mongodbatlas_project_ip_access_lists.all", "results.#", "3"),
					resource.TestCheckTypeSetElemNestedAttrs("data.mongodbatlas_project_ip_access_lists.all", "results.*",
						map[string]string{"ip_address": "203.0.113.7", "cidr_block": "203.0.113.7/32", "comment": "office"}),
					resource.TestCheckTypeSetElemNestedAttrs("data.mongodbatlas_project_ip_access_lists.all", "results.*",
						map[string]string{"aws_security_group": "sg-903004f8"}),
					resource.TestCheckTypeSetElemNestedAttrs("data.mongodbatlas_project_ip_access_lists.all", "results.*",
						map[string]string{"cidr_block": "10.1.0.0/16"}),
				),
			},
		},
	})
}

func TestAccProjectIPAccessList_update(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: entryConfig(env, `  ip_address = "2001:DB8::1"
  comment    = "first"`)},
			{
				// The comment changes in place.
				Config: entryConfig(env, `  ip_address = "2001:DB8::1"
  comment    = "second"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					acctest.ChangedAttributes(addr, "comment"),
				}},
				// The configuration's spelling of the address is kept; Atlas's is lower case.
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("ip_address"), knownvalue.StringExact("2001:DB8::1")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cidr_block"), knownvalue.StringExact("2001:db8::1/128")),
				},
				Check: func(s *terraform.State) error {
					if e := simEntries(env, s)["2001:db8::1"]; e.Comment != "second" {
						return fmt.Errorf("simulator entry %+v", e)
					}
					return nil
				},
			},
			{
				// Another address is another entry: replaced.
				Config: entryConfig(env, `  cidr_block = "198.51.100.0/24"
  comment    = "second"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					entries := simEntries(env, s)
					if len(entries) != 1 || entries["198.51.100.0/24"].Comment != "second" {
						return fmt.Errorf("simulator entries %+v", entries)
					}
					return nil
				},
			},
		},
	})
}

// While Atlas reports PENDING the create waits; it returns once the entry is ACTIVE.
func TestAccProjectIPAccessList_waitsForActive(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithTransition(2*time.Second))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: entryConfig(env, `  cidr_block = "10.2.0.0/16"`),
			Check: func(s *terraform.State) error {
				if e := simEntries(env, s)["10.2.0.0/16"]; e.Status != "ACTIVE" {
					return fmt.Errorf("entry is %s after the apply", e.Status)
				}
				reads := 0
				for _, r := range env.Sim.Requests() {
					if r.Method == "GET" && strings.HasSuffix(r.Path, "/accessList/10.2.0.0/16/status") && r.Status == 200 {
						reads++
					}
				}
				if reads < 2 {
					return fmt.Errorf("%d status reads: the create did not wait through PENDING", reads)
				}
				return nil
			},
		}},
	})
}

func TestAccProjectIPAccessList_failed(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := entryConfig(env, `  cidr_block = "192.0.2.0/24"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: projectOnly(env), Check: func(s *terraform.State) error {
				env.Sim.FailAccessListEntry(projectID(s), "192.0.2.0/24")
				return nil
			}},
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)192.0.2.0/24.*did not become active.*Atlas reports the entry FAILED.*marked tainted`),
			},
			{
				// Kept in state, tainted: the next plan replaces it.
				Config:   cfg,
				PlanOnly: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func projectOnly(env *acctest.Env) string { return env.Config(projectBlock(env)) }

func TestAccProjectIPAccessList_import(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := env.Config(projectBlock(env) + `
resource "mongodbatlas_project_ip_access_list" "test" {
  project_id = mongodbatlas_project.test.id
  ip_address = "203.0.113.9"
  comment    = "imported"
}

resource "mongodbatlas_project_ip_access_list" "block" {
  project_id = mongodbatlas_project.test.id
  cidr_block = "10.3.0.0/16"
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:                  cfg,
				ResourceName:            addr,
				ImportState:             true,
				ImportStateIdFunc:       func(s *terraform.State) (string, error) { return projectID(s) + "-203.0.113.9", nil },
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config:                  cfg,
				ResourceName:            "mongodbatlas_project_ip_access_list.block",
				ImportState:             true,
				ImportStateIdFunc:       func(s *terraform.State) (string, error) { return projectID(s) + "-10.3.0.0/16", nil },
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// An import block followed by a plan shows no change.
				Config:          cfg,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return projectID(s) + "-203.0.113.9", nil
				},
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
			},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "203.0.113.9",
				ExpectError:   regexp.MustCompile(`(?s)must be\s+\{project_id\}-\{entry\}`),
			},
		},
	})
}

func TestAccProjectIPAccessList_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: entryConfig(env, `  ip_address = "203.0.113.10"`),
			Check: func(s *terraform.State) error {
				if !env.Sim.DeleteAccessListEntryOutOfBand(projectID(s), "203.0.113.10") {
					return fmt.Errorf("could not delete the entry out of band")
				}
				return nil
			},
			ExpectNonEmptyPlan: true,
		}},
	})
}

func TestAccProjectIPAccessList_lostCreateResponse(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Sim.AddFault(atlassim.Fault{Method: "POST", Path: "/api/atlas/v2/groups/*/accessList", Count: 1, DropResponse: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: entryConfig(env, `  cidr_block = "10.4.0.0/16"
  comment    = "adopted"`),
			Check: func(s *terraform.State) error {
				if n := env.CountRequests("POST", "/api/atlas/v2/groups/"+projectID(s)+"/accessList"); n != 1 {
					return fmt.Errorf("POST accessList sent %d times; the lost answer should be settled by one GET", n)
				}
				if entries := simEntries(env, s); len(entries) != 1 {
					return fmt.Errorf("simulator entries %+v", entries)
				}
				return nil
			},
		}},
	})
}

// Fifty entries created and destroyed at Terraform's default parallelism (10)
// all land and all go: none lost, none duplicated.
func TestAccProjectIPAccessList_fiftyInParallel(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := env.Config(projectBlock(env) + `
resource "mongodbatlas_project_ip_access_list" "many" {
  count      = 50
  project_id = mongodbatlas_project.test.id
  cidr_block = "10.${count.index}.0.0/16"
  comment    = "entry ${count.index}"
}
`)
	var pid string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			if n := len(env.Sim.ProjectAccessList(pid)); n != 0 {
				return fmt.Errorf("%d entries left after destroy", n)
			}
			if n := env.CountRequests("DELETE", "/api/atlas/v2/groups/"+pid+"/accessList/"); n != 50 {
				return fmt.Errorf("%d DELETE requests, want 50", n)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(s *terraform.State) error {
				pid = projectID(s)
				entries := env.Sim.ProjectAccessList(pid)
				var blocks []string
				for _, e := range entries {
					blocks = append(blocks, e.CIDRBlock)
				}
				sort.Strings(blocks)
				if len(entries) != 50 || len(simEntries(env, s)) != 50 {
					return fmt.Errorf("%d entries (%d distinct) in the simulator: %v", len(entries), len(simEntries(env, s)), blocks)
				}
				if n := env.CountRequests("POST", "/api/atlas/v2/groups/"+pid+"/accessList"); n != 50 {
					return fmt.Errorf("%d POST requests, want 50", n)
				}
				for _, e := range entries {
					if !strings.HasPrefix(e.Comment, "entry ") || e.Status != "ACTIVE" {
						return fmt.Errorf("entry %+v", e)
					}
				}
				return nil
			},
		}},
	})
}

func TestAccProjectIPAccessList_badInput(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct{ name, body, want string }{
		{"bad address", `  ip_address = "203.0.113.300"`, `(?s)ip_address.*not an IPv4 or IPv6 address`},
		{"range in ip_address", `  ip_address = "10.0.0.0/8"`, `(?s)use cidr_block instead`},
		{"host bits", `  cidr_block = "10.0.0.1/8"`, `(?s)bits set after the /8 prefix.*Write\s+10.0.0.0/8`},
		{"address in cidr_block", `  cidr_block = "10.0.0.1"`, `(?s)For a\s+single address, use ip_address`},
		{"security group", `  aws_security_group = "sg-xyz"`, `(?s)aws_security_group.*AWS security group id`},
		{"two kinds", `  ip_address = "203.0.113.7"
  cidr_block = "10.0.0.0/8"`, `(?s)Invalid Attribute Combination`},
		{"none", `  comment = "nothing"`, `(?s)Exactly one of these attributes must be configured`},
		{"long comment", `  ip_address = "203.0.113.7"
  comment = "` + strings.Repeat("c", 81) + `"`, `(?s)comment.*at most 80`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: entryConfig(env, tc.body), PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}
