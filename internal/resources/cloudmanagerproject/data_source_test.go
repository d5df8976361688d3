package cloudmanagerproject_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

func TestAccCloudManagerProjectDataSource_byIDAndName(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := cmConfig(env, "cm-readable", "") + `
data "mongodbatlas_cloud_manager_project" "by_id" {
  project_id = mongodbatlas_cloud_manager_project.test.id
}

data "mongodbatlas_cloud_manager_project" "by_name" {
  name = mongodbatlas_cloud_manager_project.test.name
}
`
	const byID, byName = "data.mongodbatlas_cloud_manager_project.by_id", "data.mongodbatlas_cloud_manager_project.by_name"
	var checks []resource.TestCheckFunc
	for _, ds := range []string{byID, byName} {
		for _, attr := range []string{"id", "name", "org_id", "agent_api_key", "active_agent_count", "host_counts.primary", "public_api_enabled", "replica_set_count", "shard_count", "tags.#"} {
			checks = append(checks, resource.TestCheckResourceAttrPair(ds, attr, addr, attr))
		}
		checks = append(checks, resource.TestCheckResourceAttrPair(ds, "project_id", addr, "id"))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check:  resource.ComposeAggregateTestCheckFunc(checks...),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(byID, tfjsonpath.New("agent_api_key")),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("last_active_agent"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccCloudManagerProjectDataSource_errors(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct{ name, body, want string }{
		{"missing id", `data "mongodbatlas_cloud_manager_project" "x" {
  project_id = "0123456789abcdef01234567"
}`, `(?s)Reading Cloud Manager project 0123456789abcdef01234567 failed.*GROUP_NOT_FOUND.*Check the id or name`},
		{"missing name", `data "mongodbatlas_cloud_manager_project" "x" {
  name = "nobody"
}`, `(?s)Reading Cloud Manager project named "nobody" failed.*GROUP_NAME_NOT_FOUND`},
		{"neither", `data "mongodbatlas_cloud_manager_project" "x" {}`, `(?s)project_id.*name`},
		{"both", `data "mongodbatlas_cloud_manager_project" "x" {
  project_id = "0123456789abcdef01234567"
  name       = "x"
}`, `(?s)project_id.*name`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: env.Config(tc.body), ExpectError: regexp.MustCompile(tc.want), PlanOnly: true}},
			})
		})
	}
}

// An Atlas project given to the Cloud Manager resource or data source, and a
// Cloud Manager project given to the Atlas ones: each error names the right
// type to use.
func TestAccCloudManagerProject_mixUps(t *testing.T) {
	env := acctest.NewEnv(t)
	cmID, err := env.Sim.SeedCloudManagerProject("cm-elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	atlasOnly := env.Config(atlasProjectBlock(env, "atlas-here"))
	useAtlasProject := words("is an Atlas project, not a Cloud Manager or Ops Manager project. Manage it with the mongodbatlas_project resource")
	useCMProject := words("belongs to Cloud Manager or Ops Manager, not Atlas. Manage it with the mongodbatlas_cloud_manager_project resource")
	atlasID := func(s *terraform.State) (string, error) { return stateID(s, atlasAddr), nil }

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: atlasOnly},
			{
				// terraform import of an Atlas project id into the Cloud Manager resource.
				Config: atlasOnly + `
resource "mongodbatlas_cloud_manager_project" "test" {
  name   = "atlas-here"
  org_id = "` + env.OrgID + `"
}`,
				ResourceName:      addr,
				ImportState:       true,
				ImportStateIdFunc: atlasID,
				ExpectError:       regexp.MustCompile(`(?s)Project [a-f0-9]{24} is an Atlas project.*` + useAtlasProject),
			},
			{
				// terraform import of a Cloud Manager project id into mongodbatlas_project.
				Config: atlasOnly + `
resource "mongodbatlas_project" "wrong" {
  name   = "cm-elsewhere"
  org_id = "` + env.OrgID + `"
}`,
				ResourceName:  "mongodbatlas_project.wrong",
				ImportState:   true,
				ImportStateId: cmID,
				ExpectError:   regexp.MustCompile(`(?s)Project ` + cmID + ` is not an Atlas project.*` + useCMProject),
			},
			{
				Config: atlasOnly + `
data "mongodbatlas_cloud_manager_project" "atlas_by_id" {
  project_id = mongodbatlas_project.atlas.id
}`,
				ExpectError: regexp.MustCompile(`(?s)Project [a-f0-9]{24}\s+` + useAtlasProject),
			},
			{
				Config: atlasOnly + `
data "mongodbatlas_cloud_manager_project" "atlas_by_name" {
  name = "atlas-here"
}`,
				ExpectError: regexp.MustCompile(`(?s)The\s+project\s+named\s+"atlas-here"\s+` + useAtlasProject),
			},
			{
				Config: atlasOnly + fmt.Sprintf(`
data "mongodbatlas_project" "cm_by_id" {
  project_id = %q
}`, cmID),
				ExpectError: regexp.MustCompile(`(?s)Reading project ` + cmID + ` failed.*Project\s+` + cmID + `\s+` + useCMProject),
			},
			{
				Config: atlasOnly + `
data "mongodbatlas_project" "cm_by_name" {
  name = "cm-elsewhere"
}`,
				ExpectError: regexp.MustCompile(`(?s)Reading project named "cm-elsewhere" failed.*The\s+project\s+` + useCMProject),
			},
		},
	})
	t.Cleanup(func() {
		if _, ok := env.Sim.CloudManagerProject(cmID); !ok {
			t.Error("the Cloud Manager project was deleted by a mix-up")
		}
	})
}

// A Cloud Manager project that Terraform manages as an Atlas project in state
// (for example after a hand-edited state) fails on refresh with the pointer to
// the right resource, instead of being dropped from state as "gone".
func TestAccCloudManagerProject_atlasResourceRefreshMixUp(t *testing.T) {
	env := acctest.NewEnv(t)
	cmID, err := env.Sim.SeedCloudManagerProject("cm-refresh")
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
import {
  to = mongodbatlas_project.wrong
  id = %q
}

resource "mongodbatlas_project" "wrong" {
  name   = "cm-refresh"
  org_id = %q
}`, cmID, env.OrgID)),
			ExpectError: regexp.MustCompile(`(?s)Project ` + cmID + ` is not an Atlas project`),
		}},
	})
	t.Cleanup(func() {
		if _, ok := env.Sim.CloudManagerProject(cmID); !ok {
			t.Error("the Cloud Manager project is gone")
		}
		for _, p := range env.Sim.Projects() {
			t.Errorf("an Atlas project was created: %+v", p)
		}
	})
}

// words turns a sentence into a pattern that tolerates Terraform's line wrapping.
func words(sentence string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(sentence)), `\s+`)
}
