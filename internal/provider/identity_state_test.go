package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	goversion "github.com/hashicorp/go-version"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// requireTerraform skips t unless the workspace's CLI is Terraform min or newer.
func requireTerraform(t *testing.T, w *acctest.Workspace, min string) {
	t.Helper()
	if w.OpenTofu {
		t.Skipf("the CLI is OpenTofu; this test needs Terraform %s or newer", min)
	}
	out := w.MustRun(t, "version", "-json")
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("reading terraform version -json: %v\n%s", err, out)
	}
	if goversion.Must(goversion.NewVersion(v.Version)).Core().LessThan(goversion.Must(goversion.NewVersion(min))) {
		t.Skipf("Terraform %s is older than %s, which this test needs", v.Version, min)
	}
}

// stateIdentities reads each resource's identity from the workspace's state
// file, by address; a resource without one maps to nil.
func stateIdentities(t *testing.T, w *acctest.Workspace) map[string]map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Identity map[string]any `json:"identity"`
			}
		}
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, r := range st.Resources {
		out[r.Type+"."+r.Name] = r.Instances[0].Identity
	}
	return out
}

// TestAccIdentity_officialState: the official provider's real state file
// (written by Terraform 1.11, before resources had an identity) gets the
// project's identity on the first refresh after the move to this provider,
// and the plan stays empty.
func TestAccIdentity_officialState(t *testing.T) {
	_, w, official, projectID := newAdoptionWithProject(t)
	requireTerraform(t, w, "1.12.0")
	if ids := stateIdentities(t, w); ids["mongodbatlas_project.p"] != nil {
		t.Fatalf("the official state already holds an identity: %v", ids["mongodbatlas_project.p"])
	}
	adoptAllAtOnce(t, w, official)
	w.MustRun(t, "apply", "-refresh-only", "-auto-approve", "-no-color", "-input=false")
	want := map[string]any{"id": projectID}
	if got := stateIdentities(t, w)["mongodbatlas_project.p"]; !reflect.DeepEqual(got, want) {
		t.Errorf("identity of mongodbatlas_project.p after a refresh = %v, want %v", got, want)
	}
	assertEmptyPlan(t, w)
}

// TestAccIdentity_stateWithoutIdentity: a state that has no identities, as
// every state written before this provider declared them, gets them on the
// first refresh, for each resource with an identity; nothing plans a change.
func TestAccIdentity_stateWithoutIdentity(t *testing.T) {
	env := acctest.NewEnv(t)
	w := acctest.NewWorkspace(t, env)
	requireTerraform(t, w, "1.12.0")
	w.Write(t, "main.tf", []byte(fmt.Sprintf(`terraform {
  required_providers {
    mongodbatlas = { source = "tfatlas/mongodbatlas" }
  }
}

provider "mongodbatlas" {
  cloud_manager_base_url = %[1]q
}

resource "mongodbatlas_project" "p" {
  name   = "identity-upgrade"
  org_id = %[2]q
}

resource "mongodbatlas_cloud_manager_project" "cm" {
  name   = "identity-upgrade-cm"
  org_id = %[2]q
}

resource "mongodbatlas_database_user" "u" {
  project_id         = mongodbatlas_project.p.id
  username           = "CN=app"
  auth_database_name = "$external"
  x509_type          = "CUSTOMER"
  roles {
    role_name     = "read"
    database_name = "shop"
  }
}

resource "mongodbatlas_project_ip_access_list" "e" {
  project_id = mongodbatlas_project.p.id
  cidr_block = "10.8.0.0/16"
}
`, env.URL, env.OrgID)))
	w.MustRun(t, "init", "-no-color", "-input=false")
	w.MustRun(t, "apply", "-auto-approve", "-no-color", "-input=false")
	written := stateIdentities(t, w)
	projectID := written["mongodbatlas_project.p"]["id"]
	want := map[string]map[string]any{
		"mongodbatlas_project.p":                {"id": projectID},
		"mongodbatlas_cloud_manager_project.cm": written["mongodbatlas_cloud_manager_project.cm"],
		"mongodbatlas_database_user.u":          {"project_id": projectID, "username": "CN=app", "auth_database_name": "$external"},
		"mongodbatlas_project_ip_access_list.e": {"project_id": projectID, "entry": "10.8.0.0/16"},
	}
	if cm := written["mongodbatlas_cloud_manager_project.cm"]; cm == nil || cm["id"] == "" {
		t.Fatalf("the Cloud Manager project has no identity after create: %v", cm)
	}
	if !reflect.DeepEqual(written, want) {
		t.Fatalf("identities after create = %v, want %v", written, want)
	}

	// Remove the identities, as in a state written before they existed.
	path := filepath.Join(w.Dir, "terraform.tfstate")
	raw, err := os.ReadFile(path)
	must(t, err)
	var st map[string]any
	must(t, json.Unmarshal(raw, &st))
	for _, r := range st["resources"].([]any) {
		for _, inst := range r.(map[string]any)["instances"].([]any) {
			delete(inst.(map[string]any), "identity")
			delete(inst.(map[string]any), "identity_schema_version")
		}
	}
	st["serial"] = st["serial"].(float64) + 1
	raw, err = json.MarshalIndent(st, "", "  ")
	must(t, err)
	w.Write(t, "terraform.tfstate", raw)
	for addr, id := range stateIdentities(t, w) {
		if id != nil {
			t.Fatalf("%s still has an identity: %v", addr, id)
		}
	}

	assertEmptyPlan(t, w)
	w.MustRun(t, "apply", "-refresh-only", "-auto-approve", "-no-color", "-input=false")
	if got := stateIdentities(t, w); !reflect.DeepEqual(got, want) {
		t.Errorf("identities after a refresh = %v, want %v", got, want)
	}
	assertEmptyPlan(t, w)
	w.MustRun(t, "destroy", "-auto-approve", "-no-color", "-input=false")
}
