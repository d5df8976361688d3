package atlassim_test

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const (
	testToken  = "static-test-token"
	v2Accept   = "application/vnd.atlas.2023-01-01+json"
	testPublic = "pub"
	testSecret = "priv-secret"
)

// startSim runs a simulator behind a real HTTP server. A static Bearer token
// is always accepted so tests that are not about auth stay short.
func startSim(t *testing.T, opts atlassim.Options) (*atlassim.Server, *httptest.Server) {
	t.Helper()
	opts.AccessTokens = append(opts.AccessTokens, testToken)
	if opts.PublicKey == "" {
		opts.PublicKey, opts.PrivateKey = testPublic, testSecret
	}
	sim := atlassim.New(opts)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return sim, srv
}

// result is a finished HTTP exchange.
type result struct {
	status int
	header http.Header
	body   string
}

func (r result) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

func do(t *testing.T, req *http.Request) result {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return result{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// api sends an authenticated Atlas v2 request with the 2023-01-01 media type.
func api(t *testing.T, srv *httptest.Server, method, path, body string) result {
	t.Helper()
	return apiWith(t, srv, method, path, body, map[string]string{"Accept": v2Accept})
}

func apiWith(t *testing.T, srv *httptest.Server, method, path, body string, headers map[string]string) result {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	if body != "" {
		req.Header.Set("Content-Type", v2Accept)
	}
	for k, v := range headers {
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	return do(t, req)
}

// wantError checks an Atlas error answer.
func wantError(t *testing.T, r result, status int, code string) map[string]any {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	m := r.json(t)
	if m["errorCode"] != code {
		t.Fatalf("errorCode = %v, want %s; body %s", m["errorCode"], code, r.body)
	}
	if r.header.Get("X-Error-Code") != code {
		t.Fatalf("X-Error-Code = %q, want %s", r.header.Get("X-Error-Code"), code)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("error Content-Type = %q", ct)
	}
	return m
}

func wantStatus(t *testing.T, r result, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
}

// createProject makes a project through the API and returns its id.
func createProject(t *testing.T, srv *httptest.Server, name string) string {
	t.Helper()
	r := api(t, srv, "POST", "/api/atlas/v2/groups",
		fmt.Sprintf(`{"name":%q,"orgId":%q}`, name, atlassim.DefaultOrgID))
	wantStatus(t, r, http.StatusCreated)
	return r.json(t)["id"].(string)
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// challengeParams parses `Digest k="v", k=v` written by the server.
func challengeParams(t *testing.T, header string) map[string]string {
	t.Helper()
	if !strings.HasPrefix(header, "Digest ") {
		t.Fatalf("challenge %q does not start with Digest", header)
	}
	out := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(header, "Digest "), ", ") {
		k, v, found := strings.Cut(part, "=")
		if !found {
			t.Fatalf("bad challenge part %q", part)
		}
		out[k] = strings.Trim(v, `"`)
	}
	return out
}

// digestAuthorization computes an RFC 2617 MD5/qop=auth answer by hand.
func digestAuthorization(user, pass, method, uri, nonce, cnonce, nc, quotedAlg string) string {
	ha1 := md5hex(user + ":MMS Public API:" + pass)
	ha2 := md5hex(method + ":" + uri)
	resp := md5hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
	return fmt.Sprintf(`Digest username="%s", realm="MMS Public API", nonce="%s", uri="%s", response="%s", algorithm=%s, qop=auth, nc=%s, cnonce="%s"`,
		user, nonce, uri, resp, quotedAlg, nc, cnonce)
}

// digestDo performs both legs of a digest exchange like mongodb-forks/digest.
func digestDo(t *testing.T, srv *httptest.Server, method, uri, user, pass string) (first, second result) {
	t.Helper()
	newReq := func() *http.Request {
		req, _ := http.NewRequest(method, srv.URL+uri, nil)
		req.Header.Set("Accept", v2Accept)
		return req
	}
	first = do(t, newReq())
	if first.status != http.StatusUnauthorized {
		t.Fatalf("first leg status = %d", first.status)
	}
	nonce := challengeParams(t, first.header.Get("Www-Authenticate"))["nonce"]
	req := newReq()
	req.Header.Set("Authorization", digestAuthorization(user, pass, method, uri, nonce, "0a4f113b", "00000001", `"MD5"`))
	second = do(t, req)
	return first, second
}
