package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// TestAccIdentity_officialState: the official provider's real state file
// (written by Terraform 1.11, before resources had an identity) gets the
// project's identity on the first refresh after the move to this provider,
// and the plan stays empty.
func TestAccIdentity_officialState(t *testing.T) {
	_, w, official, projectID := newAdoptionWithProject(t)
	w.SkipUnlessTerraform(t, acctest.Terraform1_12)
	if ids := w.Identities(t); ids["mongodbatlas_project.p"] != nil {
		t.Fatalf("the official state already holds an identity: %v", ids["mongodbatlas_project.p"])
	}
	adoptAllAtOnce(t, w, official)
	w.MustRun(t, "apply", "-refresh-only", "-auto-approve", "-no-color", "-input=false")
	want := map[string]any{"id": projectID}
	if got := w.Identities(t)["mongodbatlas_project.p"]; !reflect.DeepEqual(got, want) {
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
	w.SkipUnlessTerraform(t, acctest.Terraform1_12)
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
	written := w.Identities(t)
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
	for addr, id := range w.Identities(t) {
		if id != nil {
			t.Fatalf("%s still has an identity: %v", addr, id)
		}
	}

	assertEmptyPlan(t, w)
	w.MustRun(t, "apply", "-refresh-only", "-auto-approve", "-no-color", "-input=false")
	if got := w.Identities(t); !reflect.DeepEqual(got, want) {
		t.Errorf("identities after a refresh = %v, want %v", got, want)
	}
	assertEmptyPlan(t, w)
	w.MustRun(t, "destroy", "-auto-approve", "-no-color", "-input=false")
}
