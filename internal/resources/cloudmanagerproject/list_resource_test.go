package cloudmanagerproject_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// list "mongodbatlas_cloud_manager_project" reads every page (501 projects
// made in the UI and one Terraform manages are more than one page of 500);
// each result carries the project id as identity and the name as display
// name, and with include_resource the project as an import stores it.
func TestAccCloudManagerProjectList_allPages(t *testing.T) {
	env := acctest.NewEnv(t, func(o *atlassim.Options) { o.RateLimits.Disabled = true })
	const seeded = 501
	for i := 0; i < seeded; i++ {
		if _, err := env.Sim.SeedCloudManagerProject(fmt.Sprintf("cm-seeded-%03d", i)); err != nil {
			t.Fatal(err)
		}
	}
	var managedID string
	managed := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringFunc(func(v string) error {
		if v != managedID {
			return fmt.Errorf("not the managed project")
		}
		return nil
	})})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_14)},
		Steps: []resource.TestStep{
			{
				Config: cmConfig(env, "cm-managed", ""),
				Check: func(s *terraform.State) error {
					managedID = stateID(s, addr)
					env.Sim.ResetRequests()
					return nil
				},
			},
			{
				Query: true,
				Config: `
list "mongodbatlas_cloud_manager_project" "all" {
  provider = mongodbatlas
  limit    = 1000
}

list "mongodbatlas_cloud_manager_project" "full" {
  provider         = mongodbatlas
  include_resource = true
  limit            = 1000
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("mongodbatlas_cloud_manager_project.all", seeded+1),
					querycheck.ExpectLength("mongodbatlas_cloud_manager_project.full", seeded+1),
					querycheck.ExpectResourceDisplayName("mongodbatlas_cloud_manager_project.all", managed, knownvalue.StringExact("cm-managed")),
					querycheck.ExpectResourceKnownValues("mongodbatlas_cloud_manager_project.full", managed, []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("cm-managed")},
						{Path: tfjsonpath.New("org_id"), KnownValue: knownvalue.StringExact(env.OrgID)},
						{Path: tfjsonpath.New("project_owner_id"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.ListExact(nil)},
					}),
				},
			},
		},
	})
	n := 0
	for _, r := range env.Requests() {
		if r == "GET "+cmGroups+" 200" {
			n++
		}
	}
	if n != 4 { // two lists of two pages
		t.Errorf("GET %s was sent %d times, want 4 (two lists, two pages each)\n%v", cmGroups, n, env.Requests())
	}
}
