package flexcluster_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// assertReadOnly fails if the simulator received anything but reads.
func assertReadOnly(t *testing.T, env *acctest.Env) {
	t.Helper()
	for _, r := range env.Requests() {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("a request wrote to Atlas: %s", r)
		}
	}
}

// A user brings a project's flex clusters under Terraform with the list
// example: terraform query lists them, -generate-config-out writes a resource
// and an import block by identity for each, and the plan imports them all and
// changes nothing. Then the import-by-identity example imports one more.
func TestAccFlexCluster_query(t *testing.T) {
	env := acctest.NewEnv(t)
	ctx := context.Background()
	client := newClient(t, env)
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "query-project", OrgID: env.OrgID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []atlas.FlexClusterCreate{
		{Name: "plain", BackingProviderName: "AWS", RegionName: "US_EAST_1"},
		{Name: "tagged", BackingProviderName: "GCP", RegionName: "CENTRAL_US", Tags: []atlas.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "data"}}},
		{Name: "protected", BackingProviderName: "AZURE", RegionName: "US_EAST_2", TerminationProtectionEnabled: true},
	} {
		if _, err := client.CreateFlexCluster(ctx, p.ID, c); err != nil {
			t.Fatal(err)
		}
	}
	env.Sim.FinishTransitions()
	w := acctest.NewQueryWorkspace(t, env, map[string]string{"project_id": p.ID})
	w.Write(t, "query.tfquery.hcl", []byte(acctest.Example(t, "list-resources/mongodbatlas_flex_cluster/list-resource.tfquery.hcl")))
	env.Sim.ResetRequests()

	out := w.MustRun(t, "query", "-no-color")
	for _, name := range []string{"plain", "tagged", "protected"} {
		// The identity, then the display name.
		if !regexp.MustCompile(fmt.Sprintf(`list\.mongodbatlas_flex_cluster\.all +name=%s,project_id=%s +%s\n`, name, p.ID, name)).MatchString(out) {
			t.Errorf("the query does not show %s with its identity and name:\n%s", name, out)
		}
	}

	w.MustRun(t, "query", "-no-color", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(w.Dir + "/generated.tf")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(generated), "identity = {"); n != 3 {
		t.Errorf("generated.tf holds %d import blocks by identity, want 3:\n%s", n, generated)
	}
	_, plan := w.Plan(t)
	if !strings.Contains(plan, "Plan: 3 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("the generated configuration does not plan 3 imports and nothing else:\n%s", plan)
	}
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	ids := w.Identities(t)
	if len(ids) != 3 {
		t.Fatalf("state holds %d resources, want 3: %v", len(ids), ids)
	}
	for addr, id := range ids {
		if id["project_id"] != p.ID || id["name"] == nil || !strings.HasPrefix(addr, "mongodbatlas_flex_cluster.") {
			t.Errorf("%s: identity %v", addr, id)
		}
	}
	if out, err := w.Run("plan", "-no-color", "-input=false", "-detailed-exitcode"); err != nil || !strings.Contains(out, "No changes.") {
		t.Fatalf("the plan after the import is not empty (%v):\n%s", err, out)
	}
	assertReadOnly(t, env)

	// The import-by-identity example, for a cluster created since.
	if _, err := client.CreateFlexCluster(ctx, p.ID, atlas.FlexClusterCreate{Name: "my-flex-cluster", BackingProviderName: "AWS", RegionName: "EU_WEST_1"}); err != nil {
		t.Fatal(err)
	}
	env.Sim.FinishTransitions()
	env.Sim.ResetRequests()
	w.Write(t, "import.tf", []byte(strings.ReplaceAll(acctest.Example(t, "resources/mongodbatlas_flex_cluster/import-by-identity.tf"), "5f1e2d3c4b5a697887766554", p.ID)))
	out = w.MustRun(t, "plan", "-no-color", "-input=false", "-generate-config-out=imported.tf")
	if !strings.Contains(out, "Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("the import by identity does not plan one import and nothing else:\n%s", out)
	}
	assertReadOnly(t, env)
}

// The list results, as the plugin protocol carries them: one per cluster (up
// to the block's limit), with its identity, its name as display name, and with
// include_resource the cluster's values.
func TestAccFlexCluster_listResults(t *testing.T) {
	env := acctest.NewEnv(t)
	ctx := context.Background()
	client := newClient(t, env)
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "list-project", OrgID: env.OrgID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []atlas.FlexClusterCreate{
		{Name: "first", BackingProviderName: "AWS", RegionName: "US_EAST_1", Tags: []atlas.Tag{{Key: "env", Value: "prod"}}},
		{Name: "second", BackingProviderName: "GCP", RegionName: "CENTRAL_US", TerminationProtectionEnabled: true},
	} {
		if _, err := client.CreateFlexCluster(ctx, p.ID, c); err != nil {
			t.Fatal(err)
		}
	}
	env.Sim.FinishTransitions()
	byName := func(name string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(p.ID), "name": knownvalue.StringExact(name)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_14)},
		Steps: []resource.TestStep{
			{Config: env.Config("")},
			{
				Query: true,
				Config: fmt.Sprintf(`
list "mongodbatlas_flex_cluster" "all" {
  provider         = mongodbatlas
  include_resource = true
  config {
    project_id = %q
  }
}

list "mongodbatlas_flex_cluster" "one" {
  provider = mongodbatlas
  limit    = 1
  config {
    project_id = %q
  }
}
`, p.ID, p.ID),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("mongodbatlas_flex_cluster.all", 2),
					querycheck.ExpectLength("mongodbatlas_flex_cluster.one", 1),
					querycheck.ExpectIdentity("mongodbatlas_flex_cluster.all", map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(p.ID), "name": knownvalue.StringExact("second")}),
					querycheck.ExpectResourceDisplayName("mongodbatlas_flex_cluster.all", byName("first"), knownvalue.StringExact("first")),
					querycheck.ExpectResourceKnownValues("mongodbatlas_flex_cluster.all", byName("first"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})},
						{Path: tfjsonpath.New("termination_protection_enabled"), KnownValue: knownvalue.Bool(false)},
						{Path: tfjsonpath.New("state_name"), KnownValue: knownvalue.StringExact("IDLE")},
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringRegexp(regexp.MustCompile(`^[a-f0-9]{24}$`))},
					}),
					querycheck.ExpectResourceKnownValues("mongodbatlas_flex_cluster.all", byName("second"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{})},
						{Path: tfjsonpath.New("termination_protection_enabled"), KnownValue: knownvalue.Bool(true)},
						{Path: tfjsonpath.New("provider_settings").AtMapKey("region_name"), KnownValue: knownvalue.StringExact("CENTRAL_US")},
						{Path: tfjsonpath.New("delete_on_create_timeout"), KnownValue: knownvalue.Null()},
					}),
				},
			},
		},
	})
}
