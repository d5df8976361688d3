package atlas_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// Twenty flex clusters created together in one project: their waits share one
// read per tick (the project's list), instead of one GET per cluster per tick.
// Then their deletions, the same way. The bound is on request counts, which
// do not depend on how fast the machine is: with per-cluster polling every
// wait would need at least two GETs (CREATING, then IDLE), forty in all.
func TestFlexWaitsShareOneReadPerTick(t *testing.T) {
	const n = 20
	sim := atlassim.New(atlassim.Options{Transition: 2 * time.Second})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	client, err := atlas.NewClient(atlas.Config{BaseURL: srv.URL + "/", Credentials: apiKey, UserAgent: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "waits", OrgID: atlassim.DefaultOrgID})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := client.CreateFlexCluster(ctx, p.ID, atlas.FlexClusterCreate{Name: fmt.Sprintf("c%d", i), BackingProviderName: "AWS", RegionName: "US_EAST_1"}); err != nil {
			t.Fatal(err)
		}
	}
	sim.ResetRequests()

	each := func(wait func(name string) error) {
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- wait(fmt.Sprintf("c%d", i))
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	each(func(name string) error {
		c, err := client.WaitForFlexClusterIdle(ctx, p.ID, name, "created")
		if err == nil && c.StateName != atlas.StateIdle {
			err = fmt.Errorf("%s: wait ended in %s", name, c.StateName)
		}
		return err
	})
	createReads := statusReads(sim, p.ID)

	for i := range n {
		if err := client.DeleteFlexCluster(ctx, p.ID, fmt.Sprintf("c%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	sim.ResetRequests()
	each(func(name string) error { return client.WaitForFlexClusterDeletion(ctx, p.ID, name) })
	deleteReads := statusReads(sim, p.ID)

	t.Logf("status reads: %d for %d creates, %d for %d deletes", createReads, n, deleteReads, n)
	for what, reads := range map[string]int{"creates": createReads, "deletes": deleteReads} {
		if reads >= n {
			t.Errorf("%d waits for %s made %d status reads; shared, they need about one per tick (a few), never one per cluster", n, what, reads)
		}
		if reads == 0 {
			t.Errorf("the waits for %s made no status reads", what)
		}
	}
}

// statusReads counts the GETs of the project's flex clusters (list or one).
func statusReads(sim *atlassim.Server, projectID string) int {
	n := 0
	for _, r := range sim.Requests() {
		if r.Method == "GET" && r.Status != 401 && strings.HasPrefix(r.Path, "/api/atlas/v2/groups/"+projectID+"/flexClusters") {
			n++
		}
	}
	return n
}

// One wait alone reads its cluster with a GET, not the project's list.
func TestFlexWaitAloneReadsOneCluster(t *testing.T) {
	client, sim, _ := newSimClient(t, apiKey)
	ctx := context.Background()
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "alone", OrgID: atlassim.DefaultOrgID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateFlexCluster(ctx, p.ID, atlas.FlexClusterCreate{Name: "solo", BackingProviderName: "AWS", RegionName: "US_EAST_1"}); err != nil {
		t.Fatal(err)
	}
	sim.ResetRequests()
	if _, err := client.WaitForFlexClusterIdle(ctx, p.ID, "solo", "created"); err != nil {
		t.Fatal(err)
	}
	if got := count(sim, "GET", "/api/atlas/v2/groups/"+p.ID+"/flexClusters/solo", 200); got == 0 {
		t.Errorf("no GET of the cluster itself")
	}
	if got := count(sim, "GET", "/api/atlas/v2/groups/"+p.ID+"/flexClusters", 0); got != 0 {
		t.Errorf("%d list reads for a single wait, want none", got)
	}
}
