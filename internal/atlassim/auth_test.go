package atlassim_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const wantUnauthorizedBody = "{\n" +
	"  \"error\" : 401,\n" +
	"  \"reason\" : \"Unauthorized\",\n" +
	"  \"detail\" : \"You are not authorized for this resource.\",\n" +
	"  \"errorCode\" : \"UNEXPECTED_ERROR\"\n" +
	"}"

var challengePattern = regexp.MustCompile(
	`^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]{32}", algorithm=MD5, qop="auth", stale=false$`)

func checkChallenge(t *testing.T, r result) {
	t.Helper()
	if r.status != http.StatusUnauthorized {
		t.Fatalf("status = %d, want 401", r.status)
	}
	if got := r.header.Get("Www-Authenticate"); !challengePattern.MatchString(got) {
		t.Fatalf("challenge = %q", got)
	}
	if r.body != wantUnauthorizedBody {
		t.Fatalf("body = %q", r.body)
	}
	if r.header.Get("Content-Type") != "application/json" || r.header.Get("Content-Length") != "142" {
		t.Fatalf("headers = %v", r.header)
	}
	if r.header.Get("X-Error-Code") != "" {
		t.Fatalf("the digest challenge must not carry X-Error-Code")
	}
}

func TestDigestChallengeIsExactlyAtlas(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	req, _ := http.NewRequest("GET", srv.URL+"/api/atlas/v2/groups", nil)
	req.Header.Set("Accept", v2Accept)
	r := do(t, req)
	checkChallenge(t, r)

	// A second challenge carries a different nonce.
	r2 := do(t, req)
	n1 := challengeParams(t, r.header.Get("Www-Authenticate"))["nonce"]
	n2 := challengeParams(t, r2.header.Get("Www-Authenticate"))["nonce"]
	if n1 == n2 {
		t.Fatalf("nonce reused: %s", n1)
	}
}

func TestDigestExchange(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	_, second := digestDo(t, srv, "GET", "/api/atlas/v2/groups?pageNum=1", testPublic, testSecret)
	wantStatus(t, second, http.StatusOK)
	if second.json(t)["totalCount"] != float64(0) {
		t.Fatalf("body = %s", second.body)
	}
}

func TestDigestRejections(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	freshNonce := func() string {
		req, _ := http.NewRequest("GET", srv.URL+"/api/atlas/v2/groups", nil)
		return challengeParams(t, do(t, req).header.Get("Www-Authenticate"))["nonce"]
	}
	const uri = "/api/atlas/v2/groups"
	tests := []struct {
		name   string
		header func() string
		want   int
	}{
		{"valid, algorithm unquoted", func() string {
			return digestAuthorization(testPublic, testSecret, "GET", uri, freshNonce(), "c1", "00000001", "MD5")
		}, http.StatusOK},
		{"valid, algorithm quoted", func() string {
			return digestAuthorization(testPublic, testSecret, "GET", uri, freshNonce(), "c1", "00000001", `"MD5"`)
		}, http.StatusOK},
		{"wrong password", func() string {
			return digestAuthorization(testPublic, "nope", "GET", uri, freshNonce(), "c1", "00000001", "MD5")
		}, http.StatusUnauthorized},
		{"wrong public key", func() string {
			return digestAuthorization("someone", testSecret, "GET", uri, freshNonce(), "c1", "00000001", "MD5")
		}, http.StatusUnauthorized},
		{"nonce never issued", func() string {
			return digestAuthorization(testPublic, testSecret, "GET", uri, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "c1", "00000001", "MD5")
		}, http.StatusUnauthorized},
		{"uri of another request", func() string {
			return digestAuthorization(testPublic, testSecret, "GET", "/api/atlas/v2/groups?pageNum=2", freshNonce(), "c1", "00000001", "MD5")
		}, http.StatusUnauthorized},
		{"method signed differently", func() string {
			return digestAuthorization(testPublic, testSecret, "POST", uri, freshNonce(), "c1", "00000001", "MD5")
		}, http.StatusUnauthorized},
		{"SHA-256 not offered", func() string {
			return digestAuthorization(testPublic, testSecret, "GET", uri, freshNonce(), "c1", "00000001", "SHA-256")
		}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+uri, nil)
			req.Header.Set("Accept", v2Accept)
			req.Header.Set("Authorization", tt.header())
			r := do(t, req)
			if tt.want == http.StatusUnauthorized {
				checkChallenge(t, r)
				return
			}
			wantStatus(t, r, tt.want)
		})
	}
}

// tokenRequest posts to the token endpoint the way x/oauth2 does: id and
// secret URL-encoded, then Basic.
func tokenRequest(t *testing.T, srvURL, id, secret, form string) result {
	t.Helper()
	req, _ := http.NewRequest("POST", srvURL+"/api/oauth/token", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if id != "" || secret != "" {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	return do(t, req)
}

func TestOAuthToken(t *testing.T) {
	// The secret holds characters that URL encoding changes.
	_, srv := startSim(t, atlassim.Options{ClientID: "mdb_sa_id_x", ClientSecret: "s3cr+t/=?"})

	tests := []struct {
		name, id, secret, form string
		status                 int
		errCode, description   string
	}{
		{"invalid client", "mdb_sa_id_x", "wrong", "grant_type=client_credentials", 401, "invalid_client", "Invalid credentials provided."},
		{"unsupported grant", "mdb_sa_id_x", "s3cr+t/=?", "grant_type=password", 400, "unsupported_grant_type", "Invalid grant type."},
		{"no grant", "mdb_sa_id_x", "s3cr+t/=?", "", 400, "invalid_request", "The provided credentials are not valid."},
		{"no credentials", "", "", "grant_type=client_credentials", 400, "invalid_request", "The provided credentials are not valid."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tokenRequest(t, srv.URL, tt.id, tt.secret, tt.form)
			wantStatus(t, r, tt.status)
			want := `{"error":"` + tt.errCode + `","error_description":"` + tt.description + `"}`
			if r.body != want {
				t.Fatalf("body = %s, want %s", r.body, want)
			}
		})
	}

	r := tokenRequest(t, srv.URL, "mdb_sa_id_x", "s3cr+t/=?", "grant_type=client_credentials")
	wantStatus(t, r, http.StatusOK)
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		TokenType   string `json:"token_type"`
	}
	if err := json.Unmarshal([]byte(r.body), &tok); err != nil {
		t.Fatal(err)
	}
	if tok.ExpiresIn != 3600 || tok.TokenType != "Bearer" || strings.Count(tok.AccessToken, ".") != 2 {
		t.Fatalf("token response = %s", r.body)
	}
	if _, err := base64.RawURLEncoding.DecodeString(strings.Split(tok.AccessToken, ".")[1]); err != nil {
		t.Fatalf("claims part is not base64url: %v", err)
	}

	bearer := func(token string) result {
		req, _ := http.NewRequest("GET", srv.URL+"/api/atlas/v2/groups", nil)
		req.Header.Set("Accept", v2Accept)
		req.Header.Set("Authorization", "Bearer "+token)
		return do(t, req)
	}
	wantStatus(t, bearer(tok.AccessToken), http.StatusOK)
	checkChallenge(t, bearer("not-a-token"))

	// Revoke: wrong client first, then the real one; the token stops working.
	revoke := func(id, secret string) result {
		req, _ := http.NewRequest("POST", srv.URL+"/api/oauth/revoke",
			strings.NewReader("token="+url.QueryEscape(tok.AccessToken)+"&token_type_hint=access_token"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
		return do(t, req)
	}
	wantStatus(t, revoke("mdb_sa_id_x", "wrong"), http.StatusUnauthorized)
	wantStatus(t, bearer(tok.AccessToken), http.StatusOK)
	rv := revoke("mdb_sa_id_x", "s3cr+t/=?")
	if rv.status != http.StatusOK || rv.body != "" {
		t.Fatalf("revoke = %d %q", rv.status, rv.body)
	}
	checkChallenge(t, bearer(tok.AccessToken))
}

func TestOAuthTokenExpires(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{TokenLifetime: time.Second})
	r := tokenRequest(t, srv.URL, atlassim.DefaultClientID, atlassim.DefaultClientSecret, "grant_type=client_credentials")
	wantStatus(t, r, http.StatusOK)
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	_ = json.Unmarshal([]byte(r.body), &tok)
	if tok.ExpiresIn != 1 {
		t.Fatalf("expires_in = %d", tok.ExpiresIn)
	}
	use := func() result {
		req, _ := http.NewRequest("GET", srv.URL+"/api/atlas/v2/groups", nil)
		req.Header.Set("Accept", v2Accept)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		return do(t, req)
	}
	wantStatus(t, use(), http.StatusOK)
	time.Sleep(1100 * time.Millisecond)
	checkChallenge(t, use())
}

func TestOAuthTokenRateLimit(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	for i := 0; i < 10; i++ {
		wantStatus(t, tokenRequest(t, srv.URL, atlassim.DefaultClientID, atlassim.DefaultClientSecret, "grant_type=client_credentials"), http.StatusOK)
	}
	r := tokenRequest(t, srv.URL, atlassim.DefaultClientID, atlassim.DefaultClientSecret, "grant_type=client_credentials")
	wantStatus(t, r, http.StatusTooManyRequests)
	want := `{"error":"rate_limited","error_description":"Resource ` + srv.URL + `/api/oauth/token is limited to 10 requests every 1 minutes."}`
	if r.body != want {
		t.Fatalf("body = %s", r.body)
	}
	if r.header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}
