package atlas

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// Hot paths of the client, for `make bench`. Speed is never asserted.

func benchClient(b *testing.B) *Client {
	b.Helper()
	c, err := NewClient(Config{BaseURL: "http://127.0.0.1:1/", Credentials: Credentials{AccessToken: "bench"}})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func benchTags(n int) []Tag {
	out := make([]Tag, n)
	for i := range out {
		out[i] = Tag{Key: fmt.Sprintf("key-%02d", i), Value: fmt.Sprintf("value-%02d", i)}
	}
	return out
}

// BenchmarkNewRequestFlexCreate builds one POST: URL, JSON body, headers.
func BenchmarkNewRequestFlexCreate(b *testing.B) {
	c := benchClient(b)
	body := flexCreateBody{Name: "bench-flex-0", Tags: benchTags(10)}
	body.ProviderSettings.BackingProviderName = "AWS"
	body.ProviderSettings.RegionName = "US_EAST_1"
	r := apiRequest{
		method: http.MethodPost, root: c.baseURL, apiPath: atlasAPIPath,
		path:      pathf("/groups/%s/flexClusters", "5f1a2b3c4d5e6f7a8b9c0d1e"),
		mediaType: atlasMediaType(versionFlex), body: body,
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.newRequest(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRequestListPage builds one GET of a list page (query encoding, no body).
func BenchmarkNewRequestListPage(b *testing.B) {
	c := benchClient(b)
	r := apiRequest{
		method: http.MethodGet, root: c.baseURL, apiPath: atlasAPIPath,
		path:      pathf("/groups/%s/flexClusters", "5f1a2b3c4d5e6f7a8b9c0d1e"),
		query:     url.Values{"itemsPerPage": {"500"}, "pageNum": {"1"}},
		mediaType: atlasMediaType(versionFlex),
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.newRequest(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeProjectCreate is the JSON encoding of a project create body.
func BenchmarkEncodeProjectCreate(b *testing.B) {
	yes := true
	body := projectCreateBody{Name: "bench-project", OrgID: "5f1a2b3c4d5e6f7a8b9c0d1e", Tags: benchTags(10), WithDefaultAlertsSettings: &yes}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(body); err != nil {
			b.Fatal(err)
		}
	}
}

// flexPage is a page of n flex clusters, of a list of total, as Atlas sends it.
func flexPage(b *testing.B, n, total int) []byte {
	b.Helper()
	disk := 5.0
	p := page[FlexCluster]{TotalCount: &total}
	for i := range n {
		name := fmt.Sprintf("bench-flex-%d", i)
		p.Results = append(p.Results, FlexCluster{
			ID: fmt.Sprintf("6%023x", i), GroupID: "5f1a2b3c4d5e6f7a8b9c0d1e", Name: name, ClusterType: "REPLICASET",
			BackupSettings:    &FlexBackupSettings{Enabled: true},
			ConnectionStrings: &FlexConnectionStrings{Standard: "mongodb://" + name + ".mongodb.net:27017", StandardSrv: "mongodb+srv://" + name + ".mongodb.net"},
			CreateDate:        "2026-01-02T03:04:05Z", MongoDBVersion: "8.0.4",
			ProviderSettings: FlexProviderSettings{BackingProviderName: "AWS", RegionName: "US_EAST_1", ProviderName: "FLEX", DiskSizeGB: &disk},
			StateName:        StateIdle, Tags: benchTags(3), VersionReleaseSystem: "LTS",
		})
	}
	p.Links = []link{{Href: "https://cloud.mongodb.com/api/atlas/v2/groups/x/flexClusters?pageNum=1", Rel: "self"}}
	data, err := json.Marshal(p)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkDecodeFlexListPage decodes one full page (500 flex clusters).
func BenchmarkDecodeFlexListPage(b *testing.B) {
	data := flexPage(b, itemsPerPage, itemsPerPage)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p page[FlexCluster]
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
		if len(p.Results) != itemsPerPage {
			b.Fatalf("decoded %d items", len(p.Results))
		}
	}
}

// BenchmarkListAllTwoPages follows a 600-item list: a full page and a short one.
func BenchmarkListAllTwoPages(b *testing.B) {
	full, short := flexPage(b, itemsPerPage, itemsPerPage+100), flexPage(b, 100, itemsPerPage+100)
	fetch := func(_ context.Context, q url.Values, out any) error {
		if q.Get("pageNum") == "1" {
			return json.Unmarshal(full, out)
		}
		return json.Unmarshal(short, out)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(full) + len(short)))
	b.ReportAllocs()
	for b.Loop() {
		all, err := listAll[FlexCluster](ctx, fetch, nil)
		if err != nil || len(all) != itemsPerPage+100 {
			b.Fatalf("listAll: %d items, %v", len(all), err)
		}
	}
}

// BenchmarkWaitSchedule runs the real waiter on a virtual clock for
// operations that take the given time, with the default intervals and with
// lower caps, and reports what a schedule costs: polls per wait, and the lag
// between the operation finishing and the poll that sees it (lag-s). Each poll
// is assumed to take 100 ms (a 50 ms request and its digest challenge).
// ns/op means nothing here.
func BenchmarkWaitSchedule(b *testing.B) {
	const pollTime = 100 * time.Millisecond
	caps := []struct {
		name string
		max  time.Duration // 0 = the default
	}{{"default", 0}, {"5s", 5 * time.Second}, {"1.5s", 1500 * time.Millisecond}}
	transitions := []time.Duration{3 * time.Second, 10 * time.Second, 30 * time.Second, time.Minute, 3 * time.Minute, 10 * time.Minute}
	for _, cp := range caps {
		for _, transition := range transitions {
			b.Run("cap="+cp.name+"/transition="+transition.String(), func(b *testing.B) {
				var polls int
				var lag time.Duration
				for b.Loop() {
					var now time.Duration
					polls = 0
					_, err := Wait(context.Background(), WaitSpec{
						What: "bench", Pending: []string{StateCreating}, Target: []string{StateIdle},
						MaxInterval: cp.max,
						Refresh: func(context.Context) (string, error) {
							polls++
							now += pollTime
							if now-pollTime/2 >= transition { // the server reads the state mid-request
								return StateIdle, nil
							}
							return StateCreating, nil
						},
						Sleep: func(_ context.Context, d time.Duration) error { now += d; return nil },
					})
					if err != nil {
						b.Fatal(err)
					}
					lag = now - transition
				}
				b.ReportMetric(float64(polls), "polls")
				b.ReportMetric(lag.Seconds(), "lag-s")
			})
		}
	}
}
