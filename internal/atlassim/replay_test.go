package atlassim_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// The replay test sends atlas-sim the requests the official
// mongodb/mongodbatlas provider sends to Atlas in normal use. That provider
// works against real Atlas, so each of these requests is one Atlas accepts,
// and the recording says which status Atlas answers (expectStatus). The
// recording is reference data outside the repository
// (../shared/reference/official-client/requests.jsonl relative to the repo
// root); the test skips when it is not there.

// recordedRequest is one line of requests.jsonl.
type recordedRequest struct {
	Resource     string          `json:"resource"`
	Variant      string          `json:"variant"`
	Operation    string          `json:"operation"`
	Step         string          `json:"step"`
	Seq          int             `json:"seq"`
	Method       string          `json:"method"`
	Path         string          `json:"path"`
	Query        *string         `json:"query"`
	Accept       *string         `json:"accept"`
	ContentType  *string         `json:"contentType"`
	Body         json.RawMessage `json:"body"`
	ExpectStatus int             `json:"expectStatus"`
}

// replayGroup is the requests of one resource/variant, in the order the
// provider sent them.
type replayGroup struct {
	name     string
	requests []recordedRequest
}

// sharedFile returns the path of a file under ../shared (relative to the
// repository root), or skips the test with why when it is not there.
func sharedFile(t *testing.T, what string, parts ...string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("%s skipped: repository root (go.mod) not found", what)
		}
		dir = parent
	}
	path := filepath.Join(append([]string{dir, "..", "shared"}, parts...)...)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s skipped: %s not found (it lives outside the repository; CI provides it)", what, path)
	}
	return path
}

func loadReplayGroups(t *testing.T) []replayGroup {
	t.Helper()
	path := sharedFile(t, "replay test", "reference", "official-client", "requests.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var groups []replayGroup
	index := map[string]int{}
	opOrder := map[string]int{} // group/operation -> order of first appearance
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; scanner.Scan(); line++ {
		var req recordedRequest
		if err := json.Unmarshal(scanner.Bytes(), &req); err != nil {
			t.Fatalf("%s line %d: %v", path, line, err)
		}
		name := req.Resource + "/" + req.Variant
		i, known := index[name]
		if !known {
			i = len(groups)
			index[name] = i
			groups = append(groups, replayGroup{name: name})
		}
		if _, seen := opOrder[name+"/"+req.Operation]; !seen {
			opOrder[name+"/"+req.Operation] = len(opOrder)
		}
		groups[i].requests = append(groups[i].requests, req)
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	// seq numbers the requests of one operation (one Terraform command);
	// operations follow each other in the order they were recorded.
	for _, g := range groups {
		sort.SliceStable(g.requests, func(a, b int) bool {
			ra, rb := g.requests[a], g.requests[b]
			oa, ob := opOrder[g.name+"/"+ra.Operation], opOrder[g.name+"/"+rb.Operation]
			if oa != ob {
				return oa < ob
			}
			return ra.Seq < rb.Seq
		})
	}
	return groups
}

// replaySpecs finds the response schema of a request in the current spec
// subset, then the 2026-02-24 subset (serverless writes), then the full
// spec (the serverless autoIndexing endpoints are in no subset). Nil
// specs mean the spec is not there: bodies are not validated.
type replaySpecs struct {
	docs     []*openapi3.T
	fullPath string
	fullOnce sync.Once
}

func loadReplaySpecs(t *testing.T) *replaySpecs {
	t.Helper()
	specs := &replaySpecs{}
	skipped := false
	t.Run("spec", func(t *testing.T) {
		skipped = true
		specs.docs = []*openapi3.T{loadSpec(t), loadSpecFile(t, "atlas-api-subset-2026-02-24.yaml")}
		specs.fullPath = sharedFile(t, "spec validation", "atlas-openapi", "atlas-api-v2.yaml")
		skipped = false
	})
	if skipped {
		t.Log("answers are not validated against the OpenAPI spec: it is not there (see the skipped spec subtest)")
		return nil
	}
	return specs
}

// findOperation finds the spec operation for a path with placeholders; a
// template with more literal segments wins (byName before {groupId}).
func findOperation(doc *openapi3.T, method, path string) *openapi3.Operation {
	var best *openapi3.Operation
	bestPlaceholders := -1
	got := strings.Split(path, "/")
	for template, item := range doc.Paths.Map() {
		want := strings.Split(template, "/")
		if len(want) != len(got) {
			continue
		}
		placeholders, fits := 0, true
		for i := range want {
			switch {
			case strings.HasPrefix(want[i], "{"):
				placeholders++
			case want[i] != got[i]:
				fits = false
			}
		}
		op := item.GetOperation(method)
		if !fits || op == nil {
			continue
		}
		if best == nil || placeholders < bestPlaceholders {
			best, bestPlaceholders = op, placeholders
		}
	}
	return best
}

// schemaFor returns the schema documenting a 2xx answer, or nil when the
// spec documents no body for it (project delete: the spec says 204 without
// a body, Atlas answers 202 {}). The status the spec documents is used when
// Atlas answers another 2xx (project create: spec 200, Atlas 201).
func (s *replaySpecs) schemaFor(t *testing.T, method, path string, status int, mediaType string) *openapi3.Schema {
	t.Helper()
	lookup := func(doc *openapi3.T) (*openapi3.Schema, bool) {
		op := findOperation(doc, method, path)
		if op == nil {
			return nil, false
		}
		resp := op.Responses.Value(fmt.Sprint(status))
		if resp == nil {
			resp = op.Responses.Value("200")
		}
		if resp == nil || resp.Value == nil {
			return nil, true
		}
		media := resp.Value.Content.Get(mediaType)
		if media == nil || media.Schema == nil {
			return nil, true
		}
		return media.Schema.Value, true
	}
	for _, doc := range s.docs {
		if schema, found := lookup(doc); found {
			return schema
		}
	}
	s.fullOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromFile(s.fullPath)
		if err != nil {
			t.Fatalf("loading %s: %v", s.fullPath, err)
		}
		s.docs = append(s.docs, doc)
	})
	if schema, found := lookup(s.docs[len(s.docs)-1]); found {
		return schema
	}
	t.Fatalf("no spec documents %s %s", method, path)
	return nil
}

// replayClient sends the recorded requests with the credentials of the
// variant: HTTP Digest, or a service account's OAuth token.
type replayClient struct {
	t     *testing.T
	srv   *httptest.Server
	oauth bool
	token string // the last access token issued to the service account
	ids   map[string]string
}

var placeholder = regexp.MustCompile(`\{[A-Za-z0-9]+\}`)

// fill substitutes the fresh ids for the recording's placeholders.
func (c *replayClient) fill(where, s string) string {
	c.t.Helper()
	return placeholder.ReplaceAllStringFunc(s, func(p string) string {
		id, known := c.ids[p]
		if !known {
			c.t.Fatalf("%s: no id for placeholder %s in %q", where, p, s)
		}
		return id
	})
}

func (c *replayClient) send(where string, req recordedRequest) result {
	c.t.Helper()
	uri := c.fill(where, req.Path)
	if req.Query != nil {
		uri += "?" + c.fill(where, *req.Query)
	}
	var body string
	switch {
	case req.Path == "/api/oauth/token":
		body = "grant_type=client_credentials"
	case req.Path == "/api/oauth/revoke":
		body = url.Values{"token": {c.token}, "token_type_hint": {"access_token"}}.Encode()
	case len(req.Body) > 0 && string(req.Body) != "null":
		body = c.fill(where, string(req.Body))
	}
	build := func() *http.Request {
		r, err := http.NewRequest(req.Method, c.srv.URL+uri, strings.NewReader(body))
		if err != nil {
			c.t.Fatal(err)
		}
		if req.Accept != nil {
			r.Header.Set("Accept", *req.Accept)
		}
		if req.ContentType != nil && body != "" {
			r.Header.Set("Content-Type", *req.ContentType)
		}
		return r
	}
	r := build()
	switch {
	case strings.HasPrefix(req.Path, "/api/oauth/"):
		r.SetBasicAuth(url.QueryEscape(atlassim.DefaultClientID), url.QueryEscape(atlassim.DefaultClientSecret))
	case c.oauth:
		r.Header.Set("Authorization", "Bearer "+c.token)
	default:
		// Digest: the first leg gets the challenge, the second answers it.
		challenge := do(c.t, r)
		if challenge.status != http.StatusUnauthorized {
			c.t.Fatalf("%s: digest first leg answered %d %s", where, challenge.status, challenge.body)
		}
		nonce := challengeParams(c.t, challenge.header.Get("Www-Authenticate"))["nonce"]
		r = build()
		r.Header.Set("Authorization", digestAuthorization(testPublic, testSecret, req.Method, uri, nonce, "0a4f113b", "00000001", `"MD5"`))
	}
	res := do(c.t, r)
	if req.Path == "/api/oauth/token" && res.status == http.StatusOK {
		c.token = res.json(c.t)["access_token"].(string)
	}
	return res
}

// eraDate is the simulated date of an era-YYYY-MM-DD variant.
func eraDate(variant string) (time.Time, bool) {
	date, isEra := strings.CutPrefix(variant, "era-")
	if !isEra {
		return time.Time{}, false
	}
	return day(date), true
}

// before2025 is when the fixtures of the serverless eras are made: the
// instances a recording reads without creating them existed before Atlas
// stopped making serverless instances.
const before2025 = "2024-06-01"

var deploymentPath = regexp.MustCompile(`/groups/\{groupId\}/(serverless|flexClusters)/([^/]+)`)

// fixtures lists the deployments a group reads without creating them
// itself (a create the recording expects to fail does not count).
func fixtures(g replayGroup) (serverless, flex []string) {
	created := map[string]bool{}
	for _, req := range g.requests {
		if req.Method == "POST" && req.ExpectStatus < 300 && (strings.HasSuffix(req.Path, "/serverless") || strings.HasSuffix(req.Path, "/flexClusters")) {
			var body struct{ Name string }
			_ = json.Unmarshal(req.Body, &body)
			created[body.Name] = true
		}
	}
	seen := map[string]bool{}
	for _, req := range g.requests {
		m := deploymentPath.FindStringSubmatch(req.Path)
		if m == nil || created[m[2]] || seen[m[1]+m[2]] {
			continue
		}
		seen[m[1]+m[2]] = true
		if m[1] == "serverless" {
			serverless = append(serverless, m[2])
		} else {
			flex = append(flex, m[2])
		}
	}
	return serverless, flex
}

func TestReplayOfficialProvider(t *testing.T) {
	groups := loadReplayGroups(t)
	specs := loadReplaySpecs(t)
	var stats replayStats
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) { replay(t, g, specs, &stats) })
	}
	t.Logf("replayed %d of %d recorded requests in %d groups; %d answered otherwise than Atlas",
		stats.sent, stats.recorded, len(groups), stats.failed)
}

// replayStats counts over all groups (the groups run one after another).
type replayStats struct{ recorded, sent, failed int }

// replay sends one group's requests to a fresh simulator and counts how
// many it sent and how many got another status than Atlas's.
func replay(t *testing.T, g replayGroup, specs *replaySpecs, stats *replayStats) {
	stats.recorded += len(g.requests)
	sent := 0
	_, variant, _ := strings.Cut(g.name, "/")
	era, isEra := eraDate(variant)
	opts := atlassim.Options{
		// Nothing finishes on its own: the replay ends a transition where
		// the provider waited for it (see below).
		Transition: time.Hour,
		WorldDate:  day(before2025),
	}
	if !isEra {
		opts.WorldDate = time.Time{} // today
	}
	sim, srv := startSim(t, opts)
	c := &replayClient{t: t, srv: srv, oauth: variant == "service-account", ids: map[string]string{
		"{orgId}":          atlassim.DefaultOrgID,
		"{projectOwnerId}": sim.SeedUser("owner@example.com"),
		"{teamId1}":        sim.SeedTeam("team-one"),
		"{teamId2}":        sim.SeedTeam("team-two"),
	}}

	// Groups that do not create their project read one that exists; the
	// project data source by name looks it up as conf-ds.
	createsProject := false
	for _, req := range g.requests {
		createsProject = createsProject || req.Method == "POST" && req.Path == "/api/atlas/v2/groups"
	}
	if !createsProject {
		c.ids["{groupId}"] = createProject(t, srv, "conf-ds")
		serverless, flex := fixtures(g)
		for _, name := range serverless {
			if err := sim.SeedServerlessInstance(c.ids["{groupId}"], name); err != nil {
				t.Fatal(err)
			}
		}
		for _, name := range flex {
			wantStatus(t, flexAPI(t, srv, "POST", "/api/atlas/v2/groups/"+c.ids["{groupId}"]+"/flexClusters",
				fmt.Sprintf(`{"name":%q,"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}}`, name)), 201)
		}
		sim.FinishTransitions()
	}
	if isEra {
		sim.SetWorldDate(era)
	}

	operation := ""
	for _, req := range g.requests {
		if req.Operation != operation {
			// A Terraform command returns once the provider's waits saw the
			// state they wait for.
			sim.FinishTransitions()
			operation = req.Operation
		}
		where := fmt.Sprintf("%s %s #%d %s %s", g.name, req.Operation, req.Seq, req.Method, req.Path)
		res := c.send(where, req)
		if req.Method == "GET" && res.status != req.ExpectStatus && res.status < 300 {
			// A poll: the provider asks again, after a wait, until what it
			// waits for (IDLE, or gone) has happened.
			sim.FinishTransitions()
			res = c.send(where, req)
		}
		sent++
		stats.sent++
		createsTheProject := req.Method == "POST" && req.Path == "/api/atlas/v2/groups"
		if res.status != req.ExpectStatus {
			stats.failed++
			t.Errorf("%s: status %d, Atlas answers %d; body %s", where, res.status, req.ExpectStatus, res.body)
			if createsTheProject {
				t.Fatalf("%s: the other %d requests of the group need the project this request creates", where, len(g.requests)-sent)
			}
			continue
		}
		if createsTheProject {
			c.ids["{groupId}"] = res.json(t)["id"].(string)
		}
		if specs != nil && res.status < 300 && strings.HasPrefix(req.Path, "/api/atlas/") && res.body != "" && req.Accept != nil {
			validateReplayed(t, specs, where, req, c.fill(where, req.Path), res)
		}
	}
}

// validateReplayed checks a 2xx JSON answer against the spec's schema.
func validateReplayed(t *testing.T, specs *replaySpecs, where string, req recordedRequest, path string, res result) {
	t.Helper()
	schema := specs.schemaFor(t, req.Method, req.Path, res.status, *req.Accept)
	if schema == nil {
		if res.body != "{}" {
			t.Errorf("%s: the spec documents no body for %d, the simulator sent %s", where, res.status, res.body)
		}
		return
	}
	var value any
	if err := json.Unmarshal([]byte(res.body), &value); err != nil {
		t.Errorf("%s: answer is not JSON: %v\n%s", where, err, res.body)
		return
	}
	stripObservedOnlyAnywhere(value)
	if err := schema.VisitJSON(value, openapi3.VisitAsResponse(), openapi3.MultiErrors()); err != nil {
		t.Errorf("%s: answer does not match the spec schema (%s): %v\nbody: %s", where, path, err, res.body)
	}
}

// stripObservedOnlyAnywhere removes, from a serverless instance or a page
// of them, the keys a flex-backed instance really carries that its schema
// refuses (observedOnlyKeys); the serverless fidelity test checks where
// they appear.
func stripObservedOnlyAnywhere(value any) {
	obj, isObject := value.(map[string]any)
	if !isObject {
		return
	}
	items := []any{obj}
	if results, isPage := obj["results"].([]any); isPage {
		items = results
	}
	for _, item := range items {
		m, _ := item.(map[string]any)
		if ps, isServerless := m["providerSettings"].(map[string]any); isServerless && ps["effectiveProviderName"] == "TENANT" {
			if _, hasBackupOptions := m["serverlessBackupOptions"]; hasBackupOptions {
				for _, key := range observedOnlyKeys {
					delete(ps, key)
				}
			}
		}
	}
}
