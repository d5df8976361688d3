package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// recordingProxy forwards the provider's requests to atlas-sim and notes
// when each answer came back, because the simulator's log has no times.
type recordingProxy struct {
	url    string
	server *http.Server
	mu     sync.Mutex
	log    []proxyEntry
}

type proxyEntry struct {
	method, path string
	status       int
	start, end   time.Time
	name, state  string // "name" and "stateName" of a JSON object answer
	// A list answer ({"results": [...]}): each item's "name" -> "stateName"
	// (nil for any other answer), and whether the answer holds the whole
	// collection, so that a name missing from it is really gone.
	items    map[string]string
	complete bool
}

func startProxy(target string) (*recordingProxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &recordingProxy{url: "http://" + ln.Addr().String() + "/"}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 256
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(u)
			r.Out.Host = r.In.Host // links in answers point back at the proxy
		},
		Transport: transport,
		ModifyResponse: func(resp *http.Response) error {
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return err
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			e := proxyEntry{
				method: resp.Request.Method, path: resp.Request.URL.Path, status: resp.StatusCode,
				start: startOf(resp.Request), end: time.Now(),
			}
			readBody(&e, resp.Request.URL.Query().Get("pageNum"), body)
			p.add(e)
			return nil
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			p.add(proxyEntry{method: r.Method, path: r.URL.Path, status: http.StatusBadGateway, start: startOf(r), end: time.Now()})
			w.WriteHeader(http.StatusBadGateway)
		},
	}
	p.server = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/__sim") { // the admin API is not the provider's business
			http.Error(w, "not proxied", http.StatusForbidden)
			return
		}
		r.Header.Set(startHeader, time.Now().Format(time.RFC3339Nano))
		rp.ServeHTTP(w, r)
	})}
	go func() { _ = p.server.Serve(ln) }()
	return p, nil
}

// readBody notes what a JSON object answer says about the instances in it:
// its own "name" and "stateName", or those of each item of a list page.
func readBody(e *proxyEntry, pageNum string, body []byte) {
	if len(body) == 0 || body[0] != '{' {
		return
	}
	type named struct {
		Name      string `json:"name"`
		StateName string `json:"stateName"`
	}
	var v struct {
		named
		Results    *[]named `json:"results"`
		TotalCount *int     `json:"totalCount"`
		Links      []struct {
			Rel string `json:"rel"`
		} `json:"links"`
	}
	if json.Unmarshal(body, &v) != nil {
		return
	}
	e.name, e.state = v.Name, v.StateName
	if v.Results == nil {
		return
	}
	e.items = make(map[string]string, len(*v.Results))
	for _, it := range *v.Results {
		e.items[it.Name] = it.StateName
	}
	if v.TotalCount != nil {
		e.complete = *v.TotalCount == len(*v.Results)
		return
	}
	// Without a count, only a first page with no next page is the whole list.
	e.complete = pageNum == "" || pageNum == "1"
	for _, l := range v.Links {
		if l.Rel == "next" {
			e.complete = false
		}
	}
}

// startHeader carries the arrival time from the handler to ModifyResponse;
// the simulator ignores it.
const startHeader = "X-Bench-Start"

func startOf(r *http.Request) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, r.Header.Get(startHeader))
	return t
}

func (p *recordingProxy) add(e proxyEntry) {
	p.mu.Lock()
	p.log = append(p.log, e)
	p.mu.Unlock()
}

func (p *recordingProxy) reset() {
	p.mu.Lock()
	p.log = nil
	p.mu.Unlock()
}

func (p *recordingProxy) entries() []proxyEntry {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]proxyEntry(nil), p.log...)
}

// checkAgainst warns when the proxy saw a different number of requests than
// the simulator logged (it should never happen).
func (p *recordingProxy) checkAgainst(simRaw int) {
	if n := len(p.entries()); n != simRaw {
		logf("warning: the proxy saw %d requests, the simulator logged %d", n, simRaw)
	}
}

func (p *recordingProxy) close() { _ = p.server.Close() }
