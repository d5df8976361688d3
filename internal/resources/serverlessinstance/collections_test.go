package serverlessinstance_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// emptyBlocks writes the instance's collections the way modules do when a
// variable holds nothing: dynamic blocks over empty collections.
const emptyBlocks = `
  dynamic "tags" {
    for_each = {}
    content {
      key   = tags.key
      value = tags.value
    }
  }
  dynamic "links" {
    for_each = []
    content {}
  }`

// Every collection of mongodbatlas_serverless_instance with nothing in it, on
// the serverless API and on the flex-backed one: the state holds empty
// collections, and neither the next plan nor an import plans a change.
func TestAccServerlessInstance_emptyCollections(t *testing.T) {
	cases := []struct {
		name, worldDate, extra string
	}{
		{"dynamic blocks, serverless API", "2024-06-01", emptyBlocks},
		{"dynamic blocks, flex-backed", "2025-06-01", emptyBlocks},
		{"no blocks, flex-backed", "2025-06-01", ""},
	}
	empty := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{})),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("links"), knownvalue.SetExact([]knownvalue.Check{})),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("connection_strings_private_endpoint_srv"), knownvalue.ListExact([]knownvalue.Check{})),
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.NewEnv(t, acctest.WithWorldDate(tc.worldDate))
			cfg := instanceConfig(env, tc.extra)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{Config: cfg, ConfigStateChecks: empty},
					{
						Config:            cfg,
						ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: empty,
					},
					{
						Config:          cfg,
						ResourceName:    addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						ImportStateIdFunc: func(s *terraform.State) (string, error) {
							return projectID(s) + "-legacy", nil
						},
						ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
						}},
					},
				},
			})
		})
	}
}
