package flexcluster_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// Importing a cluster that is not there names what was looked for, instead of
// Terraform's generic "Cannot import non-existent remote object".
func TestAccFlexCluster_importMissing(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := flexConfig(env, "present", "US_EAST_1", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:       cfg,
				ResourceName: addr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					pid, _ := clusterKey(s)
					return pid + "-absent", nil
				},
				ExpectError: regexp.MustCompile(`(?s)Cannot import flex cluster "absent": it does not exist.*Atlas has no flex cluster named "absent" in\s+project [0-9a-f]{24}`),
			},
			{
				// The organization's id in place of the project's: the error says so.
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: env.OrgID + "-present",
				ExpectError:   regexp.MustCompile(`(?s)The id ` + env.OrgID + ` belongs to an organization, not to a\s+project`),
			},
		},
	})
}

// An organization id given as project_id: Atlas answers a bare GROUP_NOT_FOUND, the
// provider says what the id is.
func TestAccFlexCluster_organizationIDAsProjectID(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := env.Config(fmt.Sprintf(`
resource "mongodbatlas_flex_cluster" "test" {
  project_id = %q
  name       = "wrong-id"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
}
`, env.OrgID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)GROUP_NOT_FOUND.*The id ` + env.OrgID + ` belongs to an organization, not to a\s+project.*Set project_id to the id of a project`),
		}},
	})
}
