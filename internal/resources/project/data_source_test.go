package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestAccProjectDataSource_byIDAndName(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := projectConfig(env, "readable", `tags = { env = "dev" }`) + `
data "mongodbatlas_project" "by_id" {
  project_id = mongodbatlas_project.test.id
}

data "mongodbatlas_project" "by_name" {
  name = mongodbatlas_project.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.mongodbatlas_project.by_id", "id", addr, "id"),
				resource.TestCheckResourceAttrPair("data.mongodbatlas_project.by_name", "id", addr, "id"),
				resource.TestCheckResourceAttrPair("data.mongodbatlas_project.by_id", "created", addr, "created"),
				resource.TestCheckResourceAttr("data.mongodbatlas_project.by_name", "tags.env", "dev"),
				resource.TestCheckResourceAttr("data.mongodbatlas_project.by_id", "org_id", env.OrgID),
				resource.TestCheckResourceAttrPair("data.mongodbatlas_project.by_id", "is_data_explorer_enabled", addr, "is_data_explorer_enabled"),
				resource.TestCheckResourceAttrSet("data.mongodbatlas_project.by_id", "limits.#"),
				resource.TestCheckResourceAttr("data.mongodbatlas_project.by_id", "teams.#", "0"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.mongodbatlas_project.by_id", tfjsonpath.New("is_slow_operation_thresholding_enabled"), knownvalue.NotNull()),
			},
		}},
	})
}

func TestAccProjectDataSource_errors(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct{ name, body, want string }{
		{"missing", `data "mongodbatlas_project" "x" {
  project_id = "0123456789abcdef01234567"
}`, `(?s)Reading project 0123456789abcdef01234567 failed.*GROUP_NOT_FOUND`},
		{"neither", `data "mongodbatlas_project" "x" {}`, `(?s)project_id.*name`},
		{"both", `data "mongodbatlas_project" "x" {
  project_id = "0123456789abcdef01234567"
  name       = "x"
}`, `(?s)project_id.*name`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: env.Config(tc.body), ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

// The plural data source follows every page: 3 projects read with the client's
// page size would fit one page, so this asserts the results, and the client's
// own tests cover paging.
func TestAccProjectsDataSource_all(t *testing.T) {
	env := acctest.NewEnv(t)
	var body string
	for i := range 3 {
		body += fmt.Sprintf(`
resource "mongodbatlas_project" "p%d" {
  name   = "listed-%d"
  org_id = %q
}
`, i, i, env.OrgID)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: env.Config(body)},
			{
				Config: env.Config(body + `
data "mongodbatlas_projects" "all" {}
`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.mongodbatlas_projects.all", "total_count", "3"),
					resource.TestCheckResourceAttr("data.mongodbatlas_projects.all", "results.#", "3"),
					resource.TestCheckTypeSetElemNestedAttrs("data.mongodbatlas_projects.all", "results.*", map[string]string{"name": "listed-1", "org_id": env.OrgID}),
				),
			},
		},
	})
}

func TestAccProject_teams(t *testing.T) {
	env := acctest.NewEnv(t)
	readers := env.Sim.SeedTeam("readers")
	owners := env.Sim.SeedTeam("owners")
	teams := func(blocks ...string) string {
		out := ""
		for i := 0; i+1 < len(blocks); i += 2 {
			out += fmt.Sprintf("  teams {\n    team_id    = %q\n    role_names = [%s]\n  }\n", blocks[i], blocks[i+1])
		}
		return out
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "teamed", teams(readers, `"GROUP_READ_ONLY"`, owners, `"GROUP_OWNER"`)),
				Check:  resource.TestCheckResourceAttr(addr, "teams.#", "2"),
			},
			{
				Config: projectConfig(env, "teamed", teams(readers, `"GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"`)),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "teams.#", "1"),
					checkSim(env, func(p atlassim.ProjectSnapshot) error {
						if len(p.Teams) != 1 || p.Teams[0].TeamID != readers || len(p.Teams[0].RoleNames) != 2 {
							return fmt.Errorf("simulator teams %+v", p.Teams)
						}
						return nil
					}),
				),
			},
		},
	})
}
