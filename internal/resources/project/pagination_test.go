package project_test

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

// mongodbatlas_projects returns the page asked for with page_num and
// items_per_page (total_count is every project), and every project when
// neither is set. Five projects make three pages of two.
func TestAccProjectsDataSource_pagination(t *testing.T) {
	env := acctest.NewEnv(t)
	projects := env.Config(fmt.Sprintf(`
resource "mongodbatlas_project" "p" {
  count  = 5
  name   = "paged-${count.index}"
  org_id = %q
}
`, env.OrgID))
	pages := projects + `
data "mongodbatlas_projects" "page2" {
  page_num       = 2
  items_per_page = 2
  depends_on     = [mongodbatlas_project.p]
}

data "mongodbatlas_projects" "page3" {
  page_num       = 3
  items_per_page = 2
  depends_on     = [mongodbatlas_project.p]
}

data "mongodbatlas_projects" "first_page_of_4" {
  items_per_page = 4
  depends_on     = [mongodbatlas_project.p]
}

data "mongodbatlas_projects" "all" {
  depends_on = [mongodbatlas_project.p]
}
`
	results := func(ds string, from, to int) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			attrs := s.RootModule().Resources["data.mongodbatlas_projects."+ds].Primary.Attributes
			var got, want []string
			for i := 0; i < to-from; i++ {
				got = append(got, attrs[fmt.Sprintf("results.%d.name", i)])
			}
			for _, p := range env.Sim.Projects()[from:to] {
				want = append(want, p.Name)
			}
			if attrs["results.#"] != fmt.Sprint(to-from) || strings.Join(got, ",") != strings.Join(want, ",") {
				return fmt.Errorf("%s: %s results %v, want %v", ds, attrs["results.#"], got, want)
			}
			return nil
		}
	}
	total := func(ds string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.mongodbatlas_projects."+ds, tfjsonpath.New("total_count"), knownvalue.Int64Exact(5))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Atlas serves pages of 1 to 500 items, numbered from 1.
				Config:      env.Config(`data "mongodbatlas_projects" "big" { items_per_page = 501 }`),
				ExpectError: regexp.MustCompile(`(?s)items_per_page.*between 1 and 500, got: 501`),
			},
			{
				Config:      env.Config(`data "mongodbatlas_projects" "zero" { page_num = 0 }`),
				ExpectError: regexp.MustCompile(`(?s)page_num.*at least 1, got: 0`),
			},
			{Config: projects},
			{
				Config:            pages,
				ConfigStateChecks: []statecheck.StateCheck{total("page2"), total("page3"), total("first_page_of_4"), total("all")},
				Check: resource.ComposeAggregateTestCheckFunc(
					results("page2", 2, 4),
					results("page3", 4, 5),
					results("first_page_of_4", 0, 4),
					results("all", 0, 5),
				),
			},
		},
	})
}
