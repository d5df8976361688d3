package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/serverlessinstance"
)

// TestAccOfficialState_emptyPlan is the compatibility contract end to end: a
// state file in the format the official provider writes (after `terraform
// state replace-provider`), with a configuration written for the official
// provider, plans no change with this provider, and nothing is written to Atlas.
// It runs the real CLI in an acctest.Workspace, as a user would, because the
// test framework cannot start from a given state file.
func TestAccOfficialState_emptyPlan(t *testing.T) {
	// Mid-January 2026: the serverless API still takes writes but no longer
	// answers reads for flex-backed instances, so the provider must follow the
	// instance to the flex API without planning anything.
	env := acctest.NewEnv(t, acctest.WithWorldDate("2026-01-18"))
	w := acctest.NewWorkspace(t, env)
	world := seedOfficialWorld(t, env.URL)

	w.Write(t, "main.tf", []byte(officialConfig(world)))
	w.Write(t, "terraform.tfstate", officialState(t, w.Host, world))
	w.MustRun(t, "init", "-input=false", "-no-color")
	env.Sim.ResetRequests()
	out, err := w.Run("plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("plan with the official provider's state is not empty (%v):\n%s", err, out)
	}
	if !strings.Contains(out, "No changes") {
		t.Errorf("plan output does not say \"No changes\":\n%s", out)
	}
	for _, r := range env.Sim.Requests() {
		if r.Method != "GET" && r.Status != 401 {
			t.Errorf("plan wrote to Atlas: %s %s %d", r.Method, r.Path, r.Status)
		}
	}
}

type officialWorld struct {
	project    *atlas.Project
	settings   *atlas.ProjectSettings
	flex       *atlas.FlexCluster
	serverless *atlas.ServerlessInstance
}

func seedOfficialWorld(t *testing.T, baseURL string) officialWorld {
	ctx := context.Background()
	client, err := atlas.NewClient(atlas.Config{BaseURL: baseURL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	must(t, err)
	var w officialWorld
	w.project, err = client.CreateProject(ctx, atlas.ProjectCreate{Name: "official", OrgID: atlassim.DefaultOrgID,
		Tags: []atlas.Tag{{Key: "env", Value: "prod"}}})
	must(t, err)
	w.settings, err = client.GetProjectSettings(ctx, w.project.ID)
	must(t, err)
	_, err = client.CreateFlexCluster(ctx, w.project.ID, atlas.FlexClusterCreate{Name: "flex", BackingProviderName: "AWS", RegionName: "US_EAST_1",
		Tags: []atlas.Tag{{Key: "team", Value: "data"}}})
	must(t, err)
	w.flex, err = client.GetFlexCluster(ctx, w.project.ID, "flex")
	must(t, err)
	w.serverless, err = client.CreateServerlessInstance(ctx, w.project.ID, atlas.ServerlessCreate{Name: "legacy", BackingProviderName: "AWS", RegionName: "US_EAST_1"})
	must(t, err)
	if _, err := client.GetServerlessInstance(ctx, w.project.ID, "legacy"); !atlas.HasErrorCode(err, "SERVERLESS_INSTANCE_NOT_FOUND") {
		t.Fatalf("expected the serverless API to have stopped answering reads for the instance, got %v", err)
	}
	return w
}

func officialConfig(w officialWorld) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

resource "mongodbatlas_project" "this" {
  name   = "official"
  org_id = %q
  tags   = { env = "prod" }
}

resource "mongodbatlas_flex_cluster" "this" {
  project_id = mongodbatlas_project.this.id
  name       = "flex"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  tags = { team = "data" }
  termination_protection_enabled = false
}

resource "mongodbatlas_serverless_instance" "this" {
  project_id                              = mongodbatlas_project.this.id
  name                                    = "legacy"
  provider_settings_backing_provider_name = "AWS"
  provider_settings_provider_name         = "SERVERLESS"
  provider_settings_region_name           = "US_EAST_1"
  continuous_backup_enabled               = true
  auto_indexing                           = true
}
`, w.project.OrgID)
}

// officialState writes a version 4 state as the official provider leaves it:
// every attribute of its schema, its serverless id encoding and links, and
// continuous backup still true although Atlas now runs a flex cluster.
func officialState(t *testing.T, host string, w officialWorld) []byte {
	b := func(p *bool) bool { return p != nil && *p }
	p, f, s := w.project, w.flex, w.serverless
	provider := fmt.Sprintf(`provider["%s/tfatlas/mongodbatlas"]`, host)
	resource := func(typ string, attrs map[string]any) map[string]any {
		return map[string]any{"mode": "managed", "type": typ, "name": "this", "provider": provider,
			"instances": []any{map[string]any{"schema_version": 0, "attributes": attrs, "sensitive_attributes": []any{}}}}
	}
	state := map[string]any{
		"version": 4, "terraform_version": "1.11.4", "serial": 7, "lineage": "5c0ffee0-0000-4000-8000-000000000001",
		"outputs": map[string]any{},
		"resources": []any{
			resource("mongodbatlas_project", map[string]any{
				"id": p.ID, "name": p.Name, "org_id": p.OrgID, "cluster_count": p.ClusterCount, "created": p.Created,
				"project_owner_id": nil, "with_default_alerts_settings": true, "region_usage_restrictions": nil,
				"is_cluster_ai_assistant_enabled":                         b(w.settings.IsClusterAIAssistantEnabled),
				"is_collect_database_specifics_statistics_enabled":        b(w.settings.IsCollectDatabaseSpecificsStatisticsEnabled),
				"is_data_explorer_enabled":                                b(w.settings.IsDataExplorerEnabled),
				"is_data_explorer_gen_ai_features_enabled":                b(w.settings.IsDataExplorerGenAIFeaturesEnabled),
				"is_data_explorer_gen_ai_sample_document_passing_enabled": b(w.settings.IsDataExplorerGenAISampleDocumentPassingEnabled),
				"is_extended_storage_sizes_enabled":                       b(w.settings.IsExtendedStorageSizesEnabled),
				"is_native_reranking_enabled":                             b(w.settings.IsNativeRerankingEnabled),
				"is_performance_advisor_enabled":                          b(w.settings.IsPerformanceAdvisorEnabled),
				"is_realtime_performance_panel_enabled":                   b(w.settings.IsRealtimePerformancePanelEnabled),
				"is_schema_advisor_enabled":                               b(w.settings.IsSchemaAdvisorEnabled),
				"is_slow_operation_thresholding_enabled":                  true,
				"ip_addresses":                                            map[string]any{"services": map[string]any{"clusters": []any{}}},
				"tags":                                                    map[string]any{"env": "prod"},
				"limits":                                                  []any{}, "teams": []any{},
			}),
			resource("mongodbatlas_flex_cluster", map[string]any{
				"project_id": p.ID, "name": f.Name, "id": f.ID,
				"provider_settings": map[string]any{"backing_provider_name": "AWS", "region_name": "US_EAST_1",
					"provider_name": f.ProviderSettings.ProviderName, "disk_size_gb": f.ProviderSettings.DiskSizeGB},
				"tags": map[string]any{"team": "data"}, "termination_protection_enabled": false,
				"backup_settings": map[string]any{"enabled": true}, "cluster_type": f.ClusterType,
				"connection_strings": map[string]any{"standard": f.ConnectionStrings.Standard, "standard_srv": f.ConnectionStrings.StandardSrv},
				"create_date":        f.CreateDate, "mongo_db_version": f.MongoDBVersion, "state_name": f.StateName,
				"version_release_system": f.VersionReleaseSystem, "delete_on_create_timeout": true, "timeouts": nil,
			}),
			resource("mongodbatlas_serverless_instance", map[string]any{
				"id": serverlessinstance.EncodeID(p.ID, s.Name), "project_id": p.ID, "name": s.Name,
				"provider_settings_backing_provider_name": "AWS", "provider_settings_provider_name": "SERVERLESS",
				"provider_settings_region_name":   "US_EAST_1",
				"connection_strings_standard_srv": s.ConnectionStrings.StandardSrv, "connection_strings_private_endpoint_srv": []any{},
				"create_date": s.CreateDate, "mongo_db_version": s.MongoDBVersion, "state_name": "IDLE",
				"termination_protection_enabled": false, "continuous_backup_enabled": true, "auto_indexing": true,
				"links": []any{map[string]any{"href": "https://cloud.mongodb.com/api/atlas/v2/groups/" + p.ID + "/serverless/legacy", "rel": "self"}},
				"tags":  []any{},
			}),
		},
	}
	out, err := json.MarshalIndent(state, "", "  ")
	must(t, err)
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
