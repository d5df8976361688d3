package main

import (
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// waitFigures are one command's figures for the instances it waited on
// (flex clusters, serverless instances), taken from the proxy's log.
type waitFigures struct {
	// Status reads of the waited-on kind, over the whole command: GETs of
	// one instance and GETs of its collection (list pages). The provider
	// shares one read per tick between all the waits of a project, so the
	// figure is a total, not a per-instance count.
	StatusReads int `json:"status_reads"`
	SingleGets  int `json:"single_gets"`
	ListGets    int `json:"list_gets"`
	// ToDone is the CLI's exit minus the moment the last instance reached
	// its target (IDLE after a create, gone after a delete); -1 when the
	// command waited on nothing.
	ToDone float64 `json:"to_done_sec"`
	// ReadLag is, per instance, the end of the first read that saw the
	// target minus the moment the instance reached it; median over the
	// instances, -1 when no read saw any.
	ReadLag float64 `json:"read_lag_sec"`
}

// createFigures: each instance turns IDLE transition after its POST was
// answered (the simulator stamps CREATING while it handles the POST, after
// its latency). A single GET or a list item with stateName IDLE sees it.
func createFigures(entries []proxyEntry, transition time.Duration, end time.Time) waitFigures {
	answered := map[string]time.Time{}
	for _, e := range entries {
		if e.method == http.MethodPost && e.status/100 == 2 && e.name != "" {
			answered[instancePath(e.path)+"/"+e.name] = e.end
		}
	}
	return waitFiguresOf(entries, answered, transition, end, func(present bool, state string) bool {
		return present && state == atlas.StateIdle
	})
}

// destroyFigures: each instance is DELETING from its DELETE's answer and
// gone transition later. A 404 on its GET, or its absence from a list
// answer that holds the whole collection, sees it gone.
func destroyFigures(entries []proxyEntry, transition time.Duration, end time.Time) waitFigures {
	answered := map[string]time.Time{}
	for _, e := range entries {
		if e.method == http.MethodDelete && e.status/100 == 2 {
			answered[instancePath(e.path)] = e.end
		}
	}
	return waitFiguresOf(entries, answered, transition, end, func(present bool, _ string) bool {
		return !present
	})
}

// waitFiguresOf counts the status reads of the instances in answered
// (instance path -> when the request that started its transition was
// answered) and finds, per instance, the first read for which reached holds.
// A read counts only once it could be part of a wait: a GET of an instance
// after that instance's request was answered, a GET of the collection after
// the first of its instances' requests was answered. The CLI's refresh
// before a destroy is therefore not counted.
func waitFiguresOf(entries []proxyEntry, answered map[string]time.Time, transition time.Duration, end time.Time,
	reached func(present bool, state string) bool) waitFigures {
	f := waitFigures{ToDone: -1, ReadLag: -1}
	if len(answered) == 0 {
		return f
	}
	collections := map[string]time.Time{} // collection path -> first answer among its instances
	var last time.Time
	for p, t := range answered {
		c := path.Dir(p)
		if first, ok := collections[c]; !ok || t.Before(first) {
			collections[c] = t
		}
		if t.After(last) {
			last = t
		}
	}
	seenAt := map[string]time.Time{} // instance path -> end of the first read that saw the target
	see := func(p string, e proxyEntry, present bool, state string) {
		if !reached(present, state) {
			return
		}
		if t, ok := seenAt[p]; !ok || e.end.Before(t) {
			seenAt[p] = e.end
		}
	}
	for _, e := range entries {
		if e.method != http.MethodGet || e.status == http.StatusUnauthorized {
			continue
		}
		p := instancePath(e.path)
		if t, ok := answered[p]; ok {
			if e.start.Before(t) {
				continue
			}
			f.SingleGets++
			switch {
			case e.status == http.StatusNotFound:
				see(p, e, false, "")
			case e.status/100 == 2:
				see(p, e, true, e.state)
			}
			continue
		}
		first, ok := collections[p]
		if !ok || e.start.Before(first) {
			continue
		}
		f.ListGets++
		if e.status/100 != 2 || e.items == nil {
			continue
		}
		for instance, t := range answered {
			if path.Dir(instance) != p || e.start.Before(t) {
				continue
			}
			state, present := e.items[path.Base(instance)]
			if !present && !e.complete { // maybe on another page
				continue
			}
			see(instance, e, present, state)
		}
	}
	f.StatusReads = f.SingleGets + f.ListGets
	f.ToDone = end.Sub(last.Add(transition)).Seconds()
	var lags []float64
	for p, t := range seenAt {
		lags = append(lags, t.Sub(answered[p].Add(transition)).Seconds())
	}
	f.ReadLag = median(lags)
	return f
}

func instancePath(p string) string { return strings.TrimSuffix(p, "/") }
