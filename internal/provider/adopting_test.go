package provider_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// The adopting guide, step by step, with the real CLI. Each test starts from a
// real state file of the official provider (acctest.OfficialState) and the
// configuration that wrote it, against a simulator holding what that state
// describes.
//
// The official provider's binary cannot be fetched here, so the workspace's
// filesystem mirror serves this provider's binary under mongodb/mongodbatlas as
// a stand-in (acctest.Workspace). What that proves: every CLI step of the
// guide works as written (init resolves both addresses, moved blocks across
// providers, replace-provider, the provider addresses left in state), and this
// provider's side of each move reads the official provider's real state with
// no API write and an empty plan. What it does not prove: how the official
// provider plans the resources it keeps, and that it reads the state this
// provider wrote (the way back); for that the guide relies on the state format
// being the same (TestSchemaCompatibleWithOfficialProvider,
// assertOfficialAttributes). Nor does it tell which call a CLI makes when only
// a resource's provider changes: Terraform 1.11.4 calls UpgradeResourceState
// (seen in its trace log), which the official provider answers, but the
// stand-in would also answer MoveResourceState, which the official provider
// does not for these types.

const (
	ourSource      = `source = "tfatlas/mongodbatlas"`
	officialSource = `source = "mongodb/mongodbatlas"`
)

// newAdoption seeds a simulator with what the official state file describes,
// at the file's simulated date (serverless instances could still be created),
// and returns a workspace holding that state and the org_id variable.
func newAdoption(t *testing.T) (*acctest.Env, *acctest.Workspace, acctest.OfficialStateFile) {
	env, w, official, _ := newAdoptionWithProject(t)
	return env, w, official
}

func newAdoptionWithProject(t *testing.T) (*acctest.Env, *acctest.Workspace, acctest.OfficialStateFile, string) {
	t.Helper()
	env := acctest.NewEnv(t, acctest.WithWorldDate("2024-06-01"))
	w := acctest.NewWorkspace(t, env)
	ctx := context.Background()
	client, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	must(t, err)
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "official-state-project", OrgID: env.OrgID,
		Tags: []atlas.Tag{{Key: "env", Value: "dev"}, {Key: "team", Value: "core"}}})
	must(t, err)
	_, err = client.SetProjectLimit(ctx, p.ID, "atlas.project.deployment.clusters", 30)
	must(t, err)
	off := false
	_, err = client.UpdateProjectSettings(ctx, p.ID, atlas.ProjectSettings{IsDataExplorerEnabled: &off})
	must(t, err)
	f, err := client.CreateFlexCluster(ctx, p.ID, atlas.FlexClusterCreate{Name: "official-flex", BackingProviderName: "AWS",
		RegionName: "US_EAST_1", Tags: []atlas.Tag{{Key: "env", Value: "dev"}}, TerminationProtectionEnabled: true})
	must(t, err)
	_, err = client.CreateServerlessInstance(ctx, p.ID, atlas.ServerlessCreate{Name: "official-serverless", BackingProviderName: "AWS",
		RegionName: "US_EAST_1", ContinuousBackupEnabled: &off, Tags: []atlas.Tag{{Key: "env", Value: "dev"}}})
	must(t, err)

	official := acctest.OfficialState(t, p.ID, f.ID)
	if w.OpenTofu {
		// The state as OpenTofu writes it: the same, under its registry host.
		official.State = []byte(strings.ReplaceAll(string(official.State), `"registry.terraform.io/`, `"`+w.Host+`/`))
	}
	w.Write(t, "terraform.tfstate", official.State)
	w.Write(t, "terraform.tfvars", []byte("org_id = \""+env.OrgID+"\"\n"))
	env.Sim.ResetRequests()
	return env, w, official, p.ID
}

// TestAccAdopting_allAtOnce: guide section "All at once".
func TestAccAdopting_allAtOnce(t *testing.T) {
	env, w, official := newAdoption(t)
	adoptAllAtOnce(t, w, official)
	assertProviders(t, w, map[string]string{
		"mongodbatlas_project.p":             "tfatlas",
		"mongodbatlas_flex_cluster.f":        "tfatlas",
		"mongodbatlas_serverless_instance.s": "tfatlas",
	})
	assertNoWrites(t, env)
}

// adoptAllAtOnce runs the guide's all-at-once steps and checks that the plan
// is empty.
func adoptAllAtOnce(t *testing.T, w *acctest.Workspace, official acctest.OfficialStateFile) {
	t.Helper()
	w.MustRun(t, "state", "pull")
	// 1. The source of the mongodbatlas provider changes.
	w.Write(t, "main.tf", []byte(replaceOnce(t, official.Config, officialSource, ourSource)))
	// 2. The state's resources change provider, without the official provider.
	w.MustRun(t, "state", "replace-provider", "-auto-approve", "mongodb/mongodbatlas", "tfatlas/mongodbatlas")
	// 3. init installs this provider; 4. the plan is empty.
	w.MustRun(t, "init", "-no-color", "-input=false")
	assertEmptyPlan(t, w)
}

// TestAccAdopting_resourceByResource: guide section "Resource by resource",
// with examples/adopting/main.tf, then the last resource.
func TestAccAdopting_resourceByResource(t *testing.T) {
	env, w, _ := newAdoption(t)
	example, err := os.ReadFile(acctest.RepoPath("examples", "adopting", "main.tf"))
	must(t, err)
	w.MustRun(t, "state", "pull")
	w.Write(t, "main.tf", example)
	w.MustRun(t, "init", "-no-color", "-input=false")

	// The plan shows the two moves and changes nothing.
	changes, out := w.Plan(t)
	assertMove(t, w, changes, "mongodbatlas_project.p", "mongodbatlas_project.project")
	assertMove(t, w, changes, "mongodbatlas_serverless_instance.s", "mongodbatlas_serverless_instance.serverless")
	assertKept(t, w, changes, "mongodbatlas_flex_cluster.f")
	for _, want := range []string{
		"mongodbatlas_project.p has moved to mongodbatlas_project.project",
		"mongodbatlas_serverless_instance.s has moved to mongodbatlas_serverless_instance.serverless",
		"Plan: 0 to add, 0 to change, 0 to destroy.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan does not say %q:\n%s", want, out)
		}
	}
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	assertProviders(t, w, map[string]string{
		"mongodbatlas_project.project":                "tfatlas",
		"mongodbatlas_flex_cluster.f":                 "mongodb",
		"mongodbatlas_serverless_instance.serverless": "tfatlas",
	})
	assertEmptyPlan(t, w)

	// The next resource the same way: the provider argument goes, the block
	// gets a new name and a moved block.
	cfg := replaceOnce(t, string(example), `resource "mongodbatlas_flex_cluster" "f" {
  provider   = mongodbatlas-official
`, `resource "mongodbatlas_flex_cluster" "flex" {
`) + `
moved {
  from = mongodbatlas_flex_cluster.f
  to   = mongodbatlas_flex_cluster.flex
}
`
	w.Write(t, "main.tf", []byte(cfg))
	changes, _ = w.Plan(t)
	assertMove(t, w, changes, "mongodbatlas_flex_cluster.f", "mongodbatlas_flex_cluster.flex")
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	assertProviders(t, w, map[string]string{
		"mongodbatlas_project.project":                "tfatlas",
		"mongodbatlas_flex_cluster.flex":              "tfatlas",
		"mongodbatlas_serverless_instance.serverless": "tfatlas",
	})
	assertEmptyPlan(t, w)
	assertNoWrites(t, env)
}

// TestAccAdopting_wayBack: guide section "The way back": one resource by
// changing its provider, one by removed and import blocks, then the rest all
// at once.
func TestAccAdopting_wayBack(t *testing.T) {
	env, w, official, projectID := newAdoptionWithProject(t)
	adoptAllAtOnce(t, w, official)

	// One resource: the official provider gets a local name, and the block
	// names it; the address stays.
	cfg := replaceOnce(t, official.Config, officialSource+" }", ourSource+" }\n    mongodbatlas-official = { "+officialSource+" }")
	cfg = replaceOnce(t, cfg, `resource "mongodbatlas_flex_cluster" "f" {`, `resource "mongodbatlas_flex_cluster" "f" {
  provider = mongodbatlas-official`)
	w.Write(t, "main.tf", []byte(cfg))
	w.MustRun(t, "init", "-no-color", "-input=false")
	w.MustRun(t, "apply", "-no-color", "-input=false", "-auto-approve")
	assertProviders(t, w, map[string]string{
		"mongodbatlas_project.p":             "tfatlas",
		"mongodbatlas_flex_cluster.f":        "mongodb",
		"mongodbatlas_serverless_instance.s": "tfatlas",
	})
	assertEmptyPlan(t, w)
	assertOfficialAttributes(t, w, official)

	// One resource with removed and import blocks: this provider forgets it,
	// the official provider imports it under a new name by its import ID.
	renamed := `resource "mongodbatlas_serverless_instance" "serverless" {
  provider = mongodbatlas-official`
	cfg = replaceOnce(t, cfg, `resource "mongodbatlas_serverless_instance" "s" {`, renamed)
	w.Write(t, "main.tf", []byte(cfg+`
removed {
  from = mongodbatlas_serverless_instance.s
  lifecycle {
    destroy = false
  }
}

import {
  to = mongodbatlas_serverless_instance.serverless
  id = "`+projectID+`-official-serverless"
}
`))
	changes, out := w.Plan(t)
	if c := changes["mongodbatlas_serverless_instance.s"]; !slices.Equal(c.Change.Actions, []string{"forget"}) {
		t.Errorf("mongodbatlas_serverless_instance.s: actions %v, want forget", c.Change.Actions)
	}
	if c := changes["mongodbatlas_serverless_instance.serverless"]; c.ProviderName != w.Host+"/mongodb/mongodbatlas" || !slices.Equal(c.Change.Actions, []string{"no-op"}) {
		t.Errorf("mongodbatlas_serverless_instance.serverless: provider %s, actions %v, want an import and no change", c.ProviderName, c.Change.Actions)
	}
	// OpenTofu adds ", 1 to forget" to the summary.
	if !strings.Contains(out, "Plan: 1 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Errorf("the plan is not one import and nothing else:\n%s", out)
	}
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	w.Write(t, "main.tf", []byte(cfg)) // the removed and import blocks have done their work
	assertProviders(t, w, map[string]string{
		"mongodbatlas_project.p":                      "tfatlas",
		"mongodbatlas_flex_cluster.f":                 "mongodb",
		"mongodbatlas_serverless_instance.serverless": "mongodb",
	})
	assertEmptyPlan(t, w)

	// All at once: the official configuration as it was, and replace-provider.
	w.Write(t, "main.tf", []byte(replaceOnce(t, official.Config, `resource "mongodbatlas_serverless_instance" "s" {`,
		`resource "mongodbatlas_serverless_instance" "serverless" {`)))
	w.MustRun(t, "state", "replace-provider", "-auto-approve", "tfatlas/mongodbatlas", "mongodb/mongodbatlas")
	w.MustRun(t, "init", "-no-color", "-input=false")
	assertEmptyPlan(t, w)
	assertProviders(t, w, map[string]string{
		"mongodbatlas_project.p":                      "mongodb",
		"mongodbatlas_flex_cluster.f":                 "mongodb",
		"mongodbatlas_serverless_instance.serverless": "mongodb",
	})
	assertNoWrites(t, env)
}

// TestAccAdopting_serverlessToFlex: Atlas has made the official provider's
// serverless instance a flex cluster; one moved block adopts it as this
// provider's mongodbatlas_flex_cluster while the rest stays with the official
// provider.
func TestAccAdopting_serverlessToFlex(t *testing.T) {
	env, w, _, projectID := newAdoptionWithProject(t)
	// Past Atlas's 2025 migration, the simulator has made the instance a flex cluster, as Atlas did.
	env.Sim.SetWorldDate(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if _, ok := env.Sim.FlexCluster(projectID, "official-serverless"); !ok {
		t.Fatal("the serverless instance was not migrated to a flex cluster when the world date passed 2025")
	}
	env.Sim.ResetRequests()
	w.Write(t, "main.tf", []byte(`terraform {
  required_providers {
    mongodbatlas          = { source = "tfatlas/mongodbatlas" }
    mongodbatlas-official = { source = "mongodb/mongodbatlas" }
  }
}
variable "org_id" { type = string }
resource "mongodbatlas_project" "p" {
  provider = mongodbatlas-official
  name     = "official-state-project"
  org_id   = var.org_id
  tags     = { env = "dev", team = "core" }
  limits {
    name  = "atlas.project.deployment.clusters"
    value = 30
  }
  is_data_explorer_enabled = false
}
resource "mongodbatlas_flex_cluster" "f" {
  provider   = mongodbatlas-official
  project_id = mongodbatlas_project.p.id
  name       = "official-flex"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  termination_protection_enabled = true
  tags = { env = "dev" }
}
resource "mongodbatlas_flex_cluster" "s" {
  project_id = mongodbatlas_project.p.id
  name       = "official-serverless"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  tags = { env = "dev" }
}
moved {
  from = mongodbatlas_serverless_instance.s
  to   = mongodbatlas_flex_cluster.s
}
`))
	w.MustRun(t, "init", "-no-color", "-input=false")
	changes, out := w.Plan(t)
	assertMove(t, w, changes, "mongodbatlas_serverless_instance.s", "mongodbatlas_flex_cluster.s")
	assertKept(t, w, changes, "mongodbatlas_project.p")
	assertKept(t, w, changes, "mongodbatlas_flex_cluster.f")
	if !strings.Contains(out, "Plan: 0 to add, 0 to change, 0 to destroy.") {
		t.Errorf("the plan changes something:\n%s", out)
	}
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	assertProviders(t, w, map[string]string{
		"mongodbatlas_project.p":      "mongodb",
		"mongodbatlas_flex_cluster.f": "mongodb",
		"mongodbatlas_flex_cluster.s": "tfatlas",
	})
	assertEmptyPlan(t, w)
	assertNoWrites(t, env)
}

// assertOfficialAttributes: the state this provider wrote holds, for each
// resource, the attributes of the official provider's state of the same type
// and no others except timeouts, which the guide tells users to remove from
// the configuration before going back.
func assertOfficialAttributes(t *testing.T, w *acctest.Workspace, official acctest.OfficialStateFile) {
	t.Helper()
	names := func(attrs map[string]any) []string {
		var out []string
		for k := range attrs {
			if k != "timeouts" {
				out = append(out, k)
			}
		}
		slices.Sort(out)
		return out
	}
	want := map[string][]string{}
	for _, r := range acctest.ParseState(t, official.State) {
		want[r.Type] = names(r.Instances[0].Attributes)
	}
	for _, r := range w.State(t) {
		if got := names(r.Instances[0].Attributes); !slices.Equal(got, want[r.Type]) {
			t.Errorf("%s: this provider's state has the attributes %q, the official state %q", r.Address(), got, want[r.Type])
		}
	}
}

// assertMove: the plan moves from to to, into this provider, and changes nothing else.
func assertMove(t *testing.T, w *acctest.Workspace, changes map[string]acctest.PlannedChange, from, to string) {
	t.Helper()
	c, ok := changes[to]
	switch {
	case !ok:
		t.Errorf("%s is not in the plan", to)
	case c.PreviousAddress != from:
		t.Errorf("%s: previous address %q, want %q", to, c.PreviousAddress, from)
	case c.ProviderName != w.Host+"/tfatlas/mongodbatlas":
		t.Errorf("%s: provider %s, want this provider", to, c.ProviderName)
	case !slices.Equal(c.Change.Actions, []string{"no-op"}):
		t.Errorf("%s: actions %v, want only the move", to, c.Change.Actions)
	}
}

// assertKept: the plan leaves addr with the official provider, unchanged.
func assertKept(t *testing.T, w *acctest.Workspace, changes map[string]acctest.PlannedChange, addr string) {
	t.Helper()
	c, ok := changes[addr]
	switch {
	case !ok:
		t.Errorf("%s is not in the plan", addr)
	case c.PreviousAddress != "":
		t.Errorf("%s: moved from %s", addr, c.PreviousAddress)
	case c.ProviderName != w.Host+"/mongodb/mongodbatlas":
		t.Errorf("%s: provider %s, want the official address", addr, c.ProviderName)
	case !slices.Equal(c.Change.Actions, []string{"no-op"}):
		t.Errorf("%s: actions %v, want none", addr, c.Change.Actions)
	}
}

// assertEmptyPlan: plan -detailed-exitcode exits 0 (no change, no move).
func assertEmptyPlan(t *testing.T, w *acctest.Workspace) {
	t.Helper()
	out, err := w.Run("plan", "-no-color", "-input=false", "-detailed-exitcode")
	if err != nil || !strings.Contains(out, "No changes.") {
		t.Fatalf("the plan is not empty (%v):\n%s", err, out)
	}
}

// assertProviders: the state holds exactly these resources, each with the
// provider of the given namespace.
func assertProviders(t *testing.T, w *acctest.Workspace, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, r := range w.State(t) {
		got[r.Address()] = r.Provider
	}
	if len(got) != len(want) {
		t.Errorf("state holds %v, want %v", got, want)
	}
	for addr, namespace := range want {
		if got[addr] != w.ProviderAddress(namespace) {
			t.Errorf("state: %s has provider %q, want %q", addr, got[addr], w.ProviderAddress(namespace))
		}
	}
}

// assertNoWrites: the simulator received reads only.
func assertNoWrites(t *testing.T, env *acctest.Env) {
	t.Helper()
	reads := 0
	for _, r := range env.Requests() {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("a request wrote to Atlas: %s", r)
		}
		reads++
	}
	if reads == 0 {
		t.Error("the simulator received no request at all: the resources were never read")
	}
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("expected exactly one %q in:\n%s", old, s)
	}
	return strings.Replace(s, old, new, 1)
}
