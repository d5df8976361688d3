package serverlessinstance_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// listed reports whether `terraform query` output shows a result of the list
// block address with the identity {projectID, name} and name as display name.
func listed(out, address, projectID, name string) bool {
	return regexp.MustCompile(fmt.Sprintf(`(?m)^list\.%s +name=%s,project_id=%s +%s$`,
		regexp.QuoteMeta(address), name, projectID, name)).MatchString(out)
}

// A user brings a project's deployments under Terraform with the serverless
// list example, which lists both types, in every era of the serverless API.
// In 2025 the serverless list gives the real serverless instances only, and
// names in a warning the instances that are flex clusters now, which the flex
// list gives: every deployment is listed once, and the configuration
// -generate-config-out writes imports them all with no change planned. From
// 2026-01-15 the serverless list is empty, from 2027-01-15 (no serverless API)
// too, with a warning; the flex list then holds every instance.
func TestAccServerlessInstance_query(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithWorldDate("2024-06-01"))
	ctx := context.Background()
	client, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "query-project", OrgID: env.OrgID})
	if err != nil {
		t.Fatal(err)
	}
	off := false
	for _, in := range []atlas.ServerlessCreate{
		{Name: "legacy-a", BackingProviderName: "AWS", RegionName: "US_EAST_1"},
		{Name: "legacy-b", BackingProviderName: "GCP", RegionName: "CENTRAL_US", ContinuousBackupEnabled: &off,
			Tags: []atlas.Tag{{Key: "env", Value: "prod"}}, TerminationProtectionEnabled: true},
	} {
		if _, err := client.CreateServerlessInstance(ctx, p.ID, in); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := client.CreateFlexCluster(ctx, p.ID, atlas.FlexClusterCreate{Name: "flex-native", BackingProviderName: "AWS", RegionName: "US_EAST_1"}); err != nil {
		t.Fatal(err)
	}
	// From February 2025 a serverless create makes a flex cluster.
	env.Sim.SetWorldDate(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	if _, err := client.CreateServerlessInstance(ctx, p.ID, atlas.ServerlessCreate{Name: "flex-backed", BackingProviderName: "AWS", RegionName: "US_EAST_1"}); err != nil {
		t.Fatal(err)
	}
	env.Sim.FinishTransitions()

	w := acctest.NewQueryWorkspace(t, env, map[string]string{"project_id": p.ID})
	w.Write(t, "query.tfquery.hcl", []byte(acctest.Example(t, "list-resources/mongodbatlas_serverless_instance/list-resource.tfquery.hcl")))
	env.Sim.ResetRequests()

	out := w.MustRun(t, "query", "-no-color")
	for address, names := range map[string][]string{
		"mongodbatlas_serverless_instance.all": {"legacy-a", "legacy-b"},
		"mongodbatlas_flex_cluster.all":        {"flex-native", "flex-backed"},
	} {
		for _, name := range names {
			if !listed(out, address, p.ID, name) {
				t.Errorf("list.%s does not show %s:\n%s", address, name, out)
			}
		}
	}
	if listed(out, "mongodbatlas_serverless_instance.all", p.ID, "flex-backed") {
		t.Errorf("the serverless list shows the flex-backed instance, which the flex list shows too:\n%s", out)
	}
	if !strings.Contains(out, "Serverless instance flex-backed of project "+p.ID+" is a flex cluster now and is not listed") ||
		!strings.Contains(out, "Atlas runs flex-backed as flex clusters now") {
		t.Errorf("no warning names the instance left out:\n%s", out)
	}

	w.MustRun(t, "query", "-no-color", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(w.Dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`resource "mongodbatlas_serverless_instance" "all_0"`, `resource "mongodbatlas_serverless_instance" "all_1"`,
		`resource "mongodbatlas_flex_cluster" "all_0"`, `resource "mongodbatlas_flex_cluster" "all_1"`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf has no %s:\n%s", want, generated)
		}
	}
	_, plan := w.Plan(t)
	if !strings.Contains(plan, "Plan: 4 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("the generated configuration does not plan 4 imports and nothing else:\n%s", plan)
	}
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	ids := w.Identities(t)
	if len(ids) != 4 {
		t.Fatalf("state holds %d resources, want 4: %v", len(ids), ids)
	}
	for address, id := range ids {
		if id["project_id"] != p.ID || id["name"] == nil {
			t.Errorf("%s: identity %v", address, id)
		}
	}
	assertNoPlannedChange(t, w)
	for _, r := range env.Requests() {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("a request wrote to Atlas: %s", r)
		}
	}

	// The import-by-identity example.
	if _, err := client.CreateServerlessInstance(ctx, p.ID, atlas.ServerlessCreate{Name: "my-serverless-instance", BackingProviderName: "AWS", RegionName: "US_EAST_1"}); err != nil {
		t.Fatal(err)
	}
	env.Sim.FinishTransitions()
	w.Write(t, "import.tf", []byte(strings.ReplaceAll(acctest.Example(t, "resources/mongodbatlas_serverless_instance/import-by-identity.tf"), "5f1e2d3c4b5a697887766554", p.ID)))
	out = w.MustRun(t, "plan", "-no-color", "-input=false", "-generate-config-out=imported.tf")
	if !strings.Contains(out, "Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("the import by identity does not plan one import and nothing else:\n%s", out)
	}

	// From 2026-01-15 the serverless list shows nothing; Atlas migrated the
	// real instances in 2025, and the flex list holds every instance.
	env.Sim.SetWorldDate(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	out = w.MustRun(t, "query", "-no-color")
	assertFlexListsAll(t, out, p.ID)
	if strings.Contains(out, "list.mongodbatlas_serverless_instance.all ") || strings.Contains(out, "are flex clusters now") || strings.Contains(out, "no longer answers") {
		t.Errorf("the serverless list is not empty and without warnings of its own in 2026:\n%s", out)
	}

	// From 2027-01-15 the serverless API is gone: an empty list and a warning.
	env.Sim.SetWorldDate(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	out = w.MustRun(t, "query", "-no-color")
	assertFlexListsAll(t, out, p.ID)
	if strings.Contains(out, "list.mongodbatlas_serverless_instance.all ") || !strings.Contains(out, "The serverless API no longer answers") {
		t.Errorf("the serverless list is not empty with a warning in 2027:\n%s", out)
	}
}

func assertFlexListsAll(t *testing.T, out, projectID string) {
	t.Helper()
	for _, name := range []string{"legacy-a", "legacy-b", "flex-native", "flex-backed", "my-serverless-instance"} {
		if !listed(out, "mongodbatlas_flex_cluster.all", projectID, name) {
			t.Errorf("the flex list does not show %s:\n%s", name, out)
		}
	}
}
