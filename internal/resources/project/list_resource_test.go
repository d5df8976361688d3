package project_test

import (
	"context"
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
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// simClient is an API client of env's simulator, for seeding what a test
// finds already there.
func simClient(t *testing.T, env *acctest.Env) *atlas.Client {
	t.Helper()
	client, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

func noRateLimits(o *atlassim.Options) { o.RateLimits.Disabled = true }

// list "mongodbatlas_project" reads every page: 501 projects made outside
// Terraform plus one it manages are more than the 500 Atlas serves per page.
// Without org_id it lists what the credentials see (GET /groups), with org_id
// the organization's projects (GET /orgs/{id}/groups); each result carries the
// project id as identity and the name as display name.
func TestAccProjectList_allPages(t *testing.T) {
	env := acctest.NewEnv(t, noRateLimits)
	client := simClient(t, env)
	const seeded = 501
	for i := 0; i < seeded; i++ {
		if _, err := client.CreateProject(context.Background(), atlas.ProjectCreate{Name: fmt.Sprintf("seeded-%03d", i), OrgID: env.OrgID}); err != nil {
			t.Fatal(err)
		}
	}
	var managedID string
	byID := func() queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringFunc(func(v string) error {
			if v != managedID {
				return fmt.Errorf("not the managed project")
			}
			return nil
		})})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_14)},
		Steps: []resource.TestStep{
			{
				Config: projectConfig(env, "managed", ""),
				Check: func(s *terraform.State) error {
					managedID = projectID(s)
					env.Sim.ResetRequests()
					return nil
				},
			},
			{
				Query: true,
				Config: fmt.Sprintf(`
list "mongodbatlas_project" "all" {
  provider = mongodbatlas
  limit    = 1000
}

list "mongodbatlas_project" "org" {
  provider = mongodbatlas
  limit    = 1000
  config {
    org_id = %q
  }
}
`, env.OrgID),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("mongodbatlas_project.all", seeded+1),
					querycheck.ExpectLength("mongodbatlas_project.org", seeded+1),
					querycheck.ExpectIdentity("mongodbatlas_project.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(env.Sim.Projects()[0].ID)}),
					querycheck.ExpectResourceDisplayName("mongodbatlas_project.all", byID(), knownvalue.StringExact("managed")),
					querycheck.ExpectResourceDisplayName("mongodbatlas_project.org", byID(), knownvalue.StringExact("managed")),
				},
			},
		},
	})
	// Each list read both pages, and nothing but the lists was asked: without
	// include_resource a result costs no request of its own.
	for _, path := range []string{"/api/atlas/v2/groups", "/api/atlas/v2/orgs/" + env.OrgID + "/groups"} {
		n := 0
		for _, r := range env.Requests() {
			if r == "GET "+path+" 200" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("GET %s was sent %d times, want 2 (two pages)\n%v", path, n, env.Requests())
		}
	}
}

// With include_resource, each result holds the project exactly as an import
// and Read store it: settings, tags, limits changed from Atlas's default, the
// managed slow operation threshold.
func TestAccProjectList_includeResource(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := projectConfig(env, "full", `
  tags                                   = { env = "prod" }
  is_data_explorer_enabled               = false
  is_slow_operation_thresholding_enabled = false
  limits {
    name  = "atlas.project.deployment.clusters"
    value = 40
  }`)
	byName := queryfilter.ByDisplayName(knownvalue.StringExact("full"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_14)},
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Query: true,
				Config: `
list "mongodbatlas_project" "all" {
  provider         = mongodbatlas
  include_resource = true
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("mongodbatlas_project.all", 1),
					querycheck.ExpectResourceKnownValues("mongodbatlas_project.all", byName, []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("full")},
						{Path: tfjsonpath.New("org_id"), KnownValue: knownvalue.StringExact(env.OrgID)},
						{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})},
						{Path: tfjsonpath.New("is_data_explorer_enabled"), KnownValue: knownvalue.Bool(false)},
						{Path: tfjsonpath.New("is_slow_operation_thresholding_enabled"), KnownValue: knownvalue.Bool(false)},
						{Path: tfjsonpath.New("limits"), KnownValue: knownvalue.SetExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"name": knownvalue.StringExact("atlas.project.deployment.clusters"), "value": knownvalue.Int64Exact(40),
							}),
						})},
						{Path: tfjsonpath.New("teams"), KnownValue: knownvalue.SetExact(nil)},
					}),
				},
			},
		},
	})
}
