package atlas_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// These tests run the client against the simulator, which was written from
// the API contract independently of the client: a misunderstanding on either
// side shows up here.

type sleeps struct {
	mu  sync.Mutex
	got []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, d)
	return nil
}

func newSimClient(t *testing.T, creds atlas.Credentials) (*atlas.Client, *atlassim.Server, *sleeps) {
	t.Helper()
	sim := atlassim.New(atlassim.Options{})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	rec := &sleeps{}
	client, err := atlas.NewClient(atlas.Config{
		BaseURL:     srv.URL + "/",
		Credentials: creds,
		UserAgent:   "test",
		Retry:       atlas.RetryPolicy{Sleep: rec.sleep},
	})
	if err != nil {
		t.Fatal(err)
	}
	return client, sim, rec
}

var apiKey = atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}

func count(sim *atlassim.Server, method, path string, status int) int {
	n := 0
	for _, r := range sim.Requests() {
		if r.Method == method && r.Path == path && (status == 0 || r.Status == status) {
			n++
		}
	}
	return n
}

func TestSimulatorDigestRoundTrip(t *testing.T) {
	client, sim, _ := newSimClient(t, apiKey)
	ctx := context.Background()
	created, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "digest", OrgID: atlassim.DefaultOrgID,
		Tags: []atlas.Tag{{Key: "env", Value: "test"}}})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	got, err := client.GetProject(ctx, created.ID)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if got.Name != "digest" || len(got.Tags) != 1 {
		t.Errorf("got %+v", got)
	}
	// Each call is a challenge (401) and an authenticated retry.
	if n := count(sim, "POST", "/api/atlas/v2/groups", 401); n != 1 {
		t.Errorf("%d digest challenges for the POST, want 1", n)
	}
	if n := count(sim, "POST", "/api/atlas/v2/groups", 201); n != 1 {
		t.Errorf("%d authenticated POSTs, want 1", n)
	}
}

func TestSimulatorWrongPrivateKey(t *testing.T) {
	client, _, _ := newSimClient(t, atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: "wrong"})
	_, err := client.ListProjects(context.Background())
	apiErr, ok := atlas.AsError(err)
	if !ok || apiErr.Status != 401 {
		t.Fatalf("got %v, want a 401 *atlas.Error", err)
	}
}

func TestSimulatorServiceAccountOneTokenForManyCalls(t *testing.T) {
	client, sim, _ := newSimClient(t, atlas.Credentials{ClientID: atlassim.DefaultClientID, ClientSecret: atlassim.DefaultClientSecret})
	for range 5 {
		if _, err := client.ListProjects(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(sim, "POST", "/api/oauth/token", 200); n != 1 {
		t.Errorf("%d token requests for 5 calls, want 1", n)
	}
}

func TestSimulatorRateLimitHonoursRetryAfter(t *testing.T) {
	client, sim, rec := newSimClient(t, apiKey)
	sim.AddFault(atlassim.Fault{Method: "GET", Path: "/api/atlas/v2/groups", Status: 429, RetryAfter: 7, Count: 2})
	if _, err := client.ListProjects(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(rec.got) != 2 || rec.got[0] != 7*time.Second || rec.got[1] != 7*time.Second {
		t.Errorf("waits %v, want two of 7s", rec.got)
	}
	if n := count(sim, "GET", "/api/atlas/v2/groups", 429); n != 2 {
		t.Errorf("%d rate-limited answers, want 2", n)
	}
}

func TestSimulatorPostIsNotRetried(t *testing.T) {
	client, sim, _ := newSimClient(t, apiKey)
	sim.AddFault(atlassim.Fault{Method: "POST", Path: "/api/atlas/v2/groups", Status: 503, Count: 1})
	_, err := client.CreateProject(context.Background(), atlas.ProjectCreate{Name: "once", OrgID: atlassim.DefaultOrgID})
	if apiErr, ok := atlas.AsError(err); !ok || apiErr.Status != 503 {
		t.Fatalf("got %v, want the 503", err)
	}
	if n := count(sim, "POST", "/api/atlas/v2/groups", 0) - count(sim, "POST", "/api/atlas/v2/groups", 401); n != 1 {
		t.Errorf("POST reached the server %d times after authentication, want 1", n)
	}
}

func TestSimulatorDroppedResponseOnGetIsRetried(t *testing.T) {
	client, sim, _ := newSimClient(t, apiKey)
	sim.AddFault(atlassim.Fault{Method: "GET", Path: "/api/atlas/v2/groups", Count: 1, DropResponse: true})
	if _, err := client.ListProjects(context.Background()); err != nil {
		t.Fatalf("a dropped GET response should be retried: %v", err)
	}
}
