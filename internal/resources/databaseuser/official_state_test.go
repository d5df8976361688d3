package databaseuser_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// TestAccOfficialState_accessResources: a state in the official provider's
// format (after `terraform state replace-provider`) for a database user and
// an access list entry, with a configuration written for the official
// provider, plans no change, and nothing is written to Atlas. It runs the
// real CLI in an acctest.Workspace, because the test framework cannot start
// from a given state file. The state carries the official quirks this
// provider must tolerate: its base64 ids, "" for values Atlas leaves out.
func TestAccOfficialState_accessResources(t *testing.T) {
	env := acctest.NewEnv(t)
	w := acctest.NewWorkspace(t, env)
	sim := env.Sim
	ctx := context.Background()
	client, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "official", OrgID: atlassim.DefaultOrgID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateDatabaseUser(ctx, p.ID, atlas.DatabaseUserWrite{Username: "app", DatabaseName: "admin", Password: "official-pass",
		Roles: []atlas.DatabaseUserRole{{RoleName: "readWrite", DatabaseName: "shop"}}, Labels: []atlas.Tag{{Key: "team", Value: "data"}}}); err != nil {
		t.Fatal(err)
	}
	if err := client.AddAccessListEntries(ctx, p.ID, []atlas.AccessListEntryWrite{{IPAddress: "203.0.113.7", Comment: "office"}}); err != nil {
		t.Fatal(err)
	}
	sim.ResetRequests()

	w.Write(t, "main.tf", []byte(fmt.Sprintf(`terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

resource "mongodbatlas_database_user" "this" {
  project_id         = %[1]q
  username           = "app"
  password           = "official-pass"
  auth_database_name = "admin"

  roles {
    role_name     = "readWrite"
    database_name = "shop"
  }

  labels {
    key   = "team"
    value = "data"
  }
}

resource "mongodbatlas_project_ip_access_list" "this" {
  project_id = %[1]q
  ip_address = "203.0.113.7"
  comment    = "office"
}
`, p.ID)))
	enc := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	provider := w.ProviderAddress("tfatlas")
	resource := func(typ string, attrs map[string]any) map[string]any {
		return map[string]any{"mode": "managed", "type": typ, "name": "this", "provider": provider,
			"instances": []any{map[string]any{"schema_version": 0, "attributes": attrs, "sensitive_attributes": []any{}}}}
	}
	state := map[string]any{
		"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "5c0ffee0-0000-4000-8000-000000000002", "outputs": map[string]any{},
		"resources": []any{
			resource("mongodbatlas_database_user", map[string]any{
				"id":         enc("auth_database_name") + ":" + enc("admin") + "-" + enc("project_id") + ":" + enc(p.ID) + "-" + enc("username") + ":" + enc("app"),
				"project_id": p.ID, "username": "app", "auth_database_name": "admin",
				"password": "official-pass", "password_wo": nil, "password_wo_version": nil,
				"x509_type": "NONE", "aws_iam_type": "NONE", "ldap_auth_type": "NONE", "oidc_auth_type": "NONE", "description": nil,
				"roles":  []any{map[string]any{"role_name": "readWrite", "database_name": "shop", "collection_name": ""}},
				"labels": []any{map[string]any{"key": "team", "value": "data"}},
				"scopes": []any{},
			}),
			resource("mongodbatlas_project_ip_access_list", map[string]any{
				"id":         enc("entry") + ":" + enc("203.0.113.7") + "-" + enc("project_id") + ":" + enc(p.ID),
				"project_id": p.ID, "ip_address": "203.0.113.7", "cidr_block": "203.0.113.7/32", "aws_security_group": "",
				"comment": "office", "timeouts": nil,
			}),
		},
	}
	out, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(t, "terraform.tfstate", out)

	w.MustRun(t, "init", "-input=false", "-no-color")
	planOut, err := w.Run("plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("plan with the official provider's state is not empty (%v):\n%s", err, planOut)
	}
	if !strings.Contains(planOut, "No changes") {
		t.Errorf("plan output does not say \"No changes\":\n%s", planOut)
	}
	reads := 0
	for _, r := range sim.Requests() {
		if r.Method != "GET" && r.Status != 401 {
			t.Errorf("plan wrote to Atlas: %s %s %d", r.Method, r.Path, r.Status)
		}
		if r.Method == "GET" && r.Status == 200 {
			reads++
		}
	}
	if reads != 2 { // one refresh read per resource
		t.Errorf("the refresh made %d reads, want 2", reads)
	}
}
