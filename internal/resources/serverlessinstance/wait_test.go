package serverlessinstance

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

// A real serverless instance that leaves the serverless API while its create
// is waited for is followed to where Atlas keeps it: the wait ends when the
// flex cluster it became is IDLE, or says that Atlas made it a dedicated
// cluster. What happens in the middle of the wait is done by the simulator's
// admin calls as soon as the wait has read the instance once.
func TestWaitForIdleFollowsAMigratedInstance(t *testing.T) {
	cases := []struct {
		name      string
		midWait   func(sim *atlassim.Server, projectID string) error
		wantFlex  bool
		wantError string
	}{
		{name: "still serverless"},
		{
			name: "migrated to flex",
			midWait: func(sim *atlassim.Server, projectID string) error {
				return sim.MigrateServerless(projectID, "inst", "FLEX")
			},
			wantFlex: true,
		},
		{
			name: "serverless reads sunset",
			midWait: func(sim *atlassim.Server, _ string) error {
				sim.SetWorldDate(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)) // also migrates what is left to flex
				return nil
			},
			wantFlex: true,
		},
		{
			name: "migrated to a dedicated cluster",
			midWait: func(sim *atlassim.Server, projectID string) error {
				return sim.MigrateServerless(projectID, "inst", "DEDICATED")
			},
			wantError: `Atlas migrated serverless instance "inst"`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			sim, client, p := serverlessEra(ctx, t, "inst")

			type result struct {
				inst *instance
				err  error
			}
			done := make(chan result, 1)
			go func() {
				inst, err := waitForIdle(ctx, client, p.ID, "inst", backendServerless)
				done <- result{inst, err}
			}()
			if tc.midWait != nil {
				for !readOnce(sim) {
					time.Sleep(10 * time.Millisecond)
				}
				if err := tc.midWait(sim, p.ID); err != nil {
					t.Fatal(err)
				}
			}
			got := <-done

			if tc.wantError != "" {
				if got.err == nil || !strings.Contains(got.err.Error(), tc.wantError) {
					t.Fatalf("error %v, want one containing %q", got.err, tc.wantError)
				}
				return
			}
			if got.err != nil {
				t.Fatal(got.err)
			}
			if got.inst.state() != atlas.StateIdle {
				t.Errorf("wait ended in %s, want IDLE", got.inst.state())
			}
			if got.inst.flexBacked() != tc.wantFlex {
				t.Errorf("flex-backed %v at the end, want %v", got.inst.flexBacked(), tc.wantFlex)
			}
		})
	}
}

// readOnce reports whether the simulator has answered a read of the instance.
func readOnce(sim *atlassim.Server) bool {
	for _, r := range sim.Requests() {
		if r.Method == "GET" && r.Status == 200 && strings.HasSuffix(r.Path, "/serverless/inst") {
			return true
		}
	}
	return false
}

// serverlessEra starts a simulator in 2024, when POST /serverless made real
// serverless instances, and creates the named instances in a new project.
func serverlessEra(ctx context.Context, t *testing.T, names ...string) (*atlassim.Server, *atlas.Client, *atlas.Project) {
	t.Helper()
	sim := atlassim.New(atlassim.Options{Transition: 3 * time.Second, WorldDate: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	client, err := atlas.NewClient(atlas.Config{BaseURL: srv.URL + "/", UserAgent: "test",
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "p", OrgID: atlassim.DefaultOrgID})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		s, err := client.CreateServerlessInstance(ctx, p.ID, atlas.ServerlessCreate{Name: name, BackingProviderName: "AWS", RegionName: "US_EAST_1"})
		if err != nil {
			t.Fatal(err)
		}
		if s.IsFlexBacked() {
			t.Fatal("the simulator made a flex cluster in 2024")
		}
	}
	sim.ResetRequests()
	return sim, client, p
}

// Twenty real serverless instances deleted together share the serverless
// reads of their waits; once the serverless API stops showing an instance,
// one flex GET checks that Atlas did not move it there (a shared flex wait
// would save those GETs but could add a tick to every deletion).
func TestWaitForDeletionSharesReads(t *testing.T) {
	const n = 20
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var names []string
	for i := range n {
		names = append(names, fmt.Sprintf("s%d", i))
	}
	sim, client, p := serverlessEra(ctx, t, names...)
	for _, name := range names {
		if err := client.DeleteServerlessInstance(ctx, p.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	sim.ResetRequests()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- waitForDeletion(ctx, client, p.ID, name, backendServerless)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range names {
		if _, found := sim.ServerlessInstance(p.ID, name); found {
			t.Errorf("%s still exists after its wait ended", name)
		}
	}
	reads := map[string]int{}
	for _, r := range sim.Requests() {
		if r.Method == "GET" && r.Status != 401 {
			for _, collection := range []string{"/serverless", "/flexClusters"} {
				if strings.Contains(r.Path, "/groups/"+p.ID+collection) {
					reads[collection]++
				}
			}
		}
	}
	t.Logf("reads: %v", reads)
	if got := reads["/serverless"]; got == 0 || got >= n {
		t.Errorf("%d waits made %d reads of the serverless instances; shared, they need a few", n, got)
	}
	if got := reads["/flexClusters"]; got != n {
		t.Errorf("%d flex reads after the deletions, want one per instance (%d)", got, n)
	}
}
