package serverlessinstance_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// Importing an instance that is not there names what was looked for, instead of
// Terraform's generic "Cannot import non-existent remote object"; an organization's id
// in place of the project's is named as such.
func TestAccServerlessInstance_importMissing(t *testing.T) {
	env := acctest.NewEnv(t)
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
					return projectID(s) + "-absent", nil
				},
				ExpectError: regexp.MustCompile(`(?s)Cannot import serverless instance "absent": it does not exist.*knows an instance named "absent" in\s+project [0-9a-f]{24}`),
			},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: env.OrgID + "-legacy",
				ExpectError:   regexp.MustCompile(`(?s)The id ` + env.OrgID + ` belongs to an organization, not to a\s+project`),
			},
		},
	})
}
