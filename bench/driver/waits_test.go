package main

import (
	"math"
	"net/http"
	"reflect"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)

// at is t0 plus seconds.
func at(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

const coll = "/api/atlas/v2/groups/g1/flexClusters"

// req is a proxy entry that started 50 ms before it was answered at end.
func req(method, path string, status int, end float64) proxyEntry {
	return proxyEntry{method: method, path: path, status: status, start: at(end - 0.05), end: at(end)}
}

func withState(e proxyEntry, name, state string) proxyEntry {
	e.name, e.state = name, state
	return e
}

func list(end float64, complete bool, items map[string]string) proxyEntry {
	e := req(http.MethodGet, coll, http.StatusOK, end)
	e.items, e.complete = items, complete
	return e
}

func TestWaitFigures(t *testing.T) {
	transition := 3 * time.Second
	tests := []struct {
		name    string
		destroy bool
		entries []proxyEntry
		end     float64
		want    waitFigures
	}{
		{
			name: "create, one instance polled with single GETs",
			entries: []proxyEntry{
				req(http.MethodPost, coll, http.StatusUnauthorized, 0.0),
				withState(req(http.MethodPost, coll, http.StatusCreated, 0.1), "a", "CREATING"),
				req(http.MethodGet, coll+"/a", http.StatusUnauthorized, 1.0), // digest challenge: not a read
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 1.1), "a", "CREATING"),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 2.2), "a", "CREATING"),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 3.3), "a", "IDLE"),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 3.4), "a", "IDLE"),
			},
			end:  3.5, // IDLE at 3.1
			want: waitFigures{StatusReads: 4, SingleGets: 4, ToDone: 0.4, ReadLag: 0.2},
		},
		{
			name: "create, two instances polled through shared list answers",
			entries: []proxyEntry{
				withState(req(http.MethodPost, coll, http.StatusCreated, 0.1), "a", "CREATING"),
				withState(req(http.MethodPost, coll, http.StatusCreated, 0.2), "b", "CREATING"),
				list(1.2, true, map[string]string{"a": "CREATING", "b": "CREATING"}),
				list(3.15, true, map[string]string{"a": "IDLE", "b": "CREATING"}),
				list(4.2, true, map[string]string{"a": "IDLE", "b": "IDLE"}),
				// Another project's list is not a read of these instances.
				req(http.MethodGet, "/api/atlas/v2/groups/g2/flexClusters", http.StatusOK, 4.3),
			},
			end:  4.5, // a IDLE at 3.1, b at 3.2
			want: waitFigures{StatusReads: 3, ListGets: 3, ToDone: 1.3, ReadLag: (0.05 + 1.0) / 2},
		},
		{
			name: "create, a single GET and a list both count and the earlier sight wins",
			entries: []proxyEntry{
				withState(req(http.MethodPost, coll, http.StatusCreated, 0.1), "a", "CREATING"),
				withState(req(http.MethodPost, coll, http.StatusCreated, 0.2), "b", "CREATING"),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 1.1), "a", "CREATING"),
				list(3.5, true, map[string]string{"a": "IDLE", "b": "IDLE"}),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 3.6), "a", "IDLE"),
			},
			end:  3.7,
			want: waitFigures{StatusReads: 3, SingleGets: 2, ListGets: 1, ToDone: 0.5, ReadLag: (0.4 + 0.3) / 2},
		},
		{
			name: "create of a resource without names in its answers: nothing to wait on",
			entries: []proxyEntry{
				req(http.MethodPost, coll, http.StatusCreated, 0.1),
				req(http.MethodGet, coll+"/a", http.StatusOK, 0.2),
			},
			end:  0.3,
			want: waitFigures{ToDone: -1, ReadLag: -1},
		},
		{
			name:    "destroy, one instance, gone at the 404; the refresh before the DELETE is not a status read",
			destroy: true,
			entries: []proxyEntry{
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 0.0), "a", "IDLE"),
				req(http.MethodDelete, coll+"/a", http.StatusUnauthorized, 0.05),
				req(http.MethodDelete, coll+"/a", http.StatusNoContent, 0.1),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 1.1), "a", "DELETING"),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 2.2), "a", "DELETING"),
				req(http.MethodGet, coll+"/a", http.StatusNotFound, 3.3),
			},
			end:  3.4, // gone at 3.1
			want: waitFigures{StatusReads: 3, SingleGets: 3, ToDone: 0.3, ReadLag: 0.2},
		},
		{
			name:    "destroy, two instances, gone when absent from a whole list, not from a partial page",
			destroy: true,
			entries: []proxyEntry{
				req(http.MethodDelete, coll+"/a", http.StatusNoContent, 0.1),
				req(http.MethodDelete, coll+"/b", http.StatusNoContent, 0.2),
				list(1.2, true, map[string]string{"a": "DELETING", "b": "DELETING", "c": "IDLE"}),
				list(3.15, true, map[string]string{"b": "DELETING", "c": "IDLE"}),
				list(4.2, false, map[string]string{"c": "IDLE"}), // a partial page: b may be on another
				list(5.2, true, map[string]string{"c": "IDLE"}),
			},
			end:  5.3, // a gone at 3.1, b at 3.2
			want: waitFigures{StatusReads: 4, ListGets: 4, ToDone: 2.1, ReadLag: (0.05 + 2.0) / 2},
		},
		{
			name:    "destroy where no read saw the instance gone",
			destroy: true,
			entries: []proxyEntry{
				req(http.MethodDelete, coll+"/a", http.StatusAccepted, 0.1),
				withState(req(http.MethodGet, coll+"/a", http.StatusOK, 1.1), "a", "DELETING"),
				req(http.MethodGet, coll, http.StatusTooManyRequests, 2.1), // a refused read still counts
			},
			end:  3.5,
			want: waitFigures{StatusReads: 2, SingleGets: 1, ListGets: 1, ToDone: 0.4, ReadLag: -1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got waitFigures
			if tc.destroy {
				got = destroyFigures(tc.entries, transition, at(tc.end))
			} else {
				got = createFigures(tc.entries, transition, at(tc.end))
			}
			if got.StatusReads != tc.want.StatusReads || got.SingleGets != tc.want.SingleGets || got.ListGets != tc.want.ListGets ||
				!near(got.ToDone, tc.want.ToDone) || !near(got.ReadLag, tc.want.ReadLag) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestReadBody(t *testing.T) {
	tests := []struct {
		name    string
		pageNum string
		body    string
		want    proxyEntry
	}{
		{
			name: "one instance",
			body: `{"name":"a","stateName":"IDLE","groupId":"g1"}`,
			want: proxyEntry{name: "a", state: "IDLE"},
		},
		{
			name: "a whole list with its count",
			body: `{"results":[{"name":"a","stateName":"IDLE"},{"name":"b","stateName":"DELETING"}],"totalCount":2}`,
			want: proxyEntry{items: map[string]string{"a": "IDLE", "b": "DELETING"}, complete: true},
		},
		{
			name: "an empty list: everything is gone",
			body: `{"results":[],"totalCount":0}`,
			want: proxyEntry{items: map[string]string{}, complete: true},
		},
		{
			name: "a first page of several",
			body: `{"results":[{"name":"a","stateName":"IDLE"}],"totalCount":501}`,
			want: proxyEntry{items: map[string]string{"a": "IDLE"}},
		},
		{
			name:    "no count, a next link",
			pageNum: "1",
			body:    `{"results":[{"name":"a","stateName":"IDLE"}],"links":[{"rel":"self"},{"rel":"next"}]}`,
			want:    proxyEntry{items: map[string]string{"a": "IDLE"}},
		},
		{
			name: "no count, no next link",
			body: `{"results":[{"name":"a","stateName":"IDLE"}],"links":[{"rel":"self"}]}`,
			want: proxyEntry{items: map[string]string{"a": "IDLE"}, complete: true},
		},
		{
			name:    "no count, a later page",
			pageNum: "2",
			body:    `{"results":[{"name":"a","stateName":"IDLE"}]}`,
			want:    proxyEntry{items: map[string]string{"a": "IDLE"}},
		},
		{name: "an error answer", body: `{"error":404,"errorCode":"FLEX_CLUSTER_NOT_FOUND"}`},
		{name: "not JSON", body: `<html>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got proxyEntry
			readBody(&got, tc.pageNum, []byte(tc.body))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
