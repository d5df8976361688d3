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

// Twenty deployments created together in one project: their waits share one
// read per tick (the project's list), instead of one GET per deployment per
// tick. Then their deletions, the same way. The bound is on request counts,
// which do not depend on how fast the machine is: with per-deployment polling
// every wait would need at least two GETs (CREATING, then IDLE), forty in all.
// Serverless instances are measured in the serverless API's era (2024), when
// POST /serverless still made real serverless instances.
func TestWaitsShareOneReadPerTick(t *testing.T) {
	const n = 20
	cases := []struct {
		kind       string
		worldDate  time.Time
		collection string // path under the project
		create     func(c *atlas.Client, ctx context.Context, projectID, name string) error
		waitIdle   func(c *atlas.Client, ctx context.Context, projectID, name string) (state string, err error)
		remove     func(c *atlas.Client, ctx context.Context, projectID, name string) error
		waitGone   func(c *atlas.Client, ctx context.Context, projectID, name string) error
	}{
		{
			kind: "flex clusters", collection: "flexClusters",
			create: func(c *atlas.Client, ctx context.Context, projectID, name string) error {
				_, err := c.CreateFlexCluster(ctx, projectID, atlas.FlexClusterCreate{Name: name, BackingProviderName: "AWS", RegionName: "US_EAST_1"})
				return err
			},
			waitIdle: func(c *atlas.Client, ctx context.Context, projectID, name string) (string, error) {
				f, err := c.WaitForFlexClusterIdle(ctx, projectID, name, "created")
				if f == nil {
					return "", err
				}
				return f.StateName, err
			},
			remove:   (*atlas.Client).DeleteFlexCluster,
			waitGone: (*atlas.Client).WaitForFlexClusterDeletion,
		},
		{
			kind: "serverless instances", collection: "serverless", worldDate: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC),
			create: func(c *atlas.Client, ctx context.Context, projectID, name string) error {
				s, err := c.CreateServerlessInstance(ctx, projectID, atlas.ServerlessCreate{Name: name, BackingProviderName: "AWS", RegionName: "US_EAST_1"})
				if err == nil && s.IsFlexBacked() {
					err = fmt.Errorf("%s: Atlas made a flex cluster, not a serverless instance", name)
				}
				return err
			},
			waitIdle: func(c *atlas.Client, ctx context.Context, projectID, name string) (string, error) {
				s, err := c.WaitForServerlessInstanceIdle(ctx, projectID, name)
				if s == nil {
					return "", err
				}
				return s.StateName, err
			},
			remove:   (*atlas.Client).DeleteServerlessInstance,
			waitGone: (*atlas.Client).WaitForServerlessInstanceDeletion,
		},
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			t.Parallel()
			sim := atlassim.New(atlassim.Options{Transition: 2 * time.Second, WorldDate: tc.worldDate})
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
				if err := tc.create(client, ctx, p.ID, fmt.Sprintf("c%d", i)); err != nil {
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
				state, err := tc.waitIdle(client, ctx, p.ID, name)
				if err == nil && state != atlas.StateIdle {
					err = fmt.Errorf("%s: wait ended in %s", name, state)
				}
				return err
			})
			createReads := statusReads(sim, p.ID, tc.collection)

			for i := range n {
				if err := tc.remove(client, ctx, p.ID, fmt.Sprintf("c%d", i)); err != nil {
					t.Fatal(err)
				}
			}
			sim.ResetRequests()
			each(func(name string) error { return tc.waitGone(client, ctx, p.ID, name) })
			deleteReads := statusReads(sim, p.ID, tc.collection)

			t.Logf("status reads: %d for %d creates, %d for %d deletes", createReads, n, deleteReads, n)
			for what, reads := range map[string]int{"creates": createReads, "deletes": deleteReads} {
				if reads >= n {
					t.Errorf("%d waits for %s made %d status reads; shared, they need about one per tick (a few), never one per deployment", n, what, reads)
				}
				if reads == 0 {
					t.Errorf("the waits for %s made no status reads", what)
				}
			}
		})
	}
}

// statusReads counts the GETs of the project's deployments of one collection
// (the list or one of them).
func statusReads(sim *atlassim.Server, projectID, collection string) int {
	n := 0
	for _, r := range sim.Requests() {
		if r.Method == "GET" && r.Status != 401 && strings.HasPrefix(r.Path, "/api/atlas/v2/groups/"+projectID+"/"+collection) {
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
