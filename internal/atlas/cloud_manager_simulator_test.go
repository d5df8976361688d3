package atlas_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// newCloudManagerSimClient points both base URLs at one simulator, as a provider configured
// with cloud_manager_base_url does, with an API key (HTTP Digest).
func newCloudManagerSimClient(t *testing.T) (*atlas.Client, *atlassim.Server) {
	t.Helper()
	sim := atlassim.New(atlassim.Options{})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	client, err := atlas.NewClient(atlas.Config{
		BaseURL:             srv.URL + "/",
		CloudManagerBaseURL: srv.URL,
		Credentials:         apiKey,
		UserAgent:           "test",
		Retry:               atlas.RetryPolicy{Sleep: (&sleeps{}).sleep},
	})
	if err != nil {
		t.Fatal(err)
	}
	return client, sim
}

func TestSimulatorCloudManagerProjectLifecycle(t *testing.T) {
	client, sim := newCloudManagerSimClient(t)
	ctx := context.Background()
	owner := sim.SeedUser("owner@example.com")

	created, err := client.CreateCloudManagerProject(ctx, "cm-life", atlassim.DefaultOrgID, owner)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	snap, found := sim.CloudManagerProject(created.ID)
	if !found || created.AgentAPIKey == "" || created.AgentAPIKey != snap.AgentAPIKey ||
		!created.PublicAPIEnabled || created.Tags == nil || len(created.Tags) != 0 || created.LastActiveAgent != "" {
		t.Fatalf("created %+v, stored %+v", created, snap)
	}
	if n := count(sim, "POST", "/api/public/v1.0/groups", 201); n != 1 {
		t.Errorf("%d successful POSTs, want 1", n)
	}

	sim.SimulateCloudManagerAgents(created.ID, atlassim.CloudManagerAgents{
		ActiveAgentCount: 2, HostCounts: atlassim.CloudManagerHostCounts{Primary: 1, Secondary: 2, Arbiter: 1}, ReplicaSetCount: 1,
	})
	got, err := client.GetCloudManagerProject(ctx, created.ID)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if got.ActiveAgentCount != 2 || got.HostCounts != (atlas.CloudManagerHostCounts{Primary: 1, Secondary: 2, Arbiter: 1}) ||
		got.ReplicaSetCount != 1 || got.LastActiveAgent == "" {
		t.Errorf("after agents reported: %+v", got)
	}

	renamed, err := client.RenameCloudManagerProject(ctx, created.ID, "cm-renamed")
	if err != nil || renamed.Name != "cm-renamed" {
		t.Fatalf("rename: %+v, %v", renamed, err)
	}
	byName, err := client.GetCloudManagerProjectByName(ctx, "cm-renamed")
	if err != nil || byName.ID != created.ID {
		t.Fatalf("by name: %+v, %v", byName, err)
	}
	if err := client.DeleteCloudManagerProject(ctx, created.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := client.GetCloudManagerProject(ctx, created.ID); !atlas.HasErrorCode(err, "GROUP_NOT_FOUND") {
		t.Errorf("get after delete: %v", err)
	}
}

func TestSimulatorCloudManagerListEveryPage(t *testing.T) {
	client, sim := newCloudManagerSimClient(t)
	for i := range 503 {
		if _, err := sim.SeedCloudManagerProject(fmt.Sprintf("cm-%03d", i)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := client.ListCloudManagerProjects(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 503 || all[502].Name != "cm-502" {
		t.Errorf("listed %d projects", len(all))
	}
	if n := count(sim, "GET", "/api/public/v1.0/groups", 200); n != 2 {
		t.Errorf("%d list pages fetched, want 2", n)
	}
}

// Atlas and Cloud Manager ids used on the wrong API are told apart by error code.
func TestSimulatorCloudManagerMixUps(t *testing.T) {
	client, _ := newCloudManagerSimClient(t)
	ctx := context.Background()
	atlasProject, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "atlas-side", OrgID: atlassim.DefaultOrgID})
	if err != nil {
		t.Fatal(err)
	}
	cmProject, err := client.CreateCloudManagerProject(ctx, "cm-side", atlassim.DefaultOrgID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetCloudManagerProject(ctx, atlasProject.ID); !atlas.HasErrorCode(err, "ATLAS_GROUP") || !atlas.IsNotFound(err) {
		t.Errorf("Atlas id on Cloud Manager: %v", err)
	}
	if _, err := client.GetCloudManagerProjectByName(ctx, "atlas-side"); !atlas.HasErrorCode(err, "ATLAS_GROUP") {
		t.Errorf("Atlas name on Cloud Manager: %v", err)
	}
	if _, err := client.GetProject(ctx, cmProject.ID); !atlas.HasErrorCode(err, "NOT_ATLAS_GROUP") {
		t.Errorf("Cloud Manager id on Atlas: %v", err)
	}
	if _, err := client.GetProjectSettings(ctx, cmProject.ID); !atlas.HasErrorCode(err, "NOT_ATLAS_GROUP") {
		t.Errorf("Cloud Manager id on an Atlas sub-resource: %v", err)
	}
}
