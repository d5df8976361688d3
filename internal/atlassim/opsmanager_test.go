package atlassim_test

import (
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const (
	globalPublic = "globalpub"
	globalSecret = "global-secret"
)

func startOpsManager(t *testing.T) (*atlassim.Server, *httptest.Server) {
	t.Helper()
	return startSim(t, atlassim.Options{Flavor: atlassim.FlavorOpsManager, GlobalPublicKey: globalPublic, GlobalPrivateKey: globalSecret})
}

// cmAs sends a Cloud Manager request with digest credentials.
func cmAs(t *testing.T, srv *httptest.Server, public, private, method, path, body string) result {
	t.Helper()
	headers := map[string]string{"Accept": "application/json"}
	if body != "" {
		headers["Content-Type"] = "application/json"
	}
	return digestCall(t, srv, public, private, method, cmBase+path, body, headers)
}

// digestCall answers a digest challenge (fetched from the Public API) and sends the request.
func digestCall(t *testing.T, srv *httptest.Server, public, private, method, uri, body string, headers map[string]string) result {
	t.Helper()
	challenge, _ := http.NewRequest("GET", srv.URL+cmBase+"/groups", nil)
	first := do(t, challenge)
	if first.status != http.StatusUnauthorized {
		t.Fatalf("challenge status = %d", first.status)
	}
	nonce := challengeParams(t, first.header.Get("Www-Authenticate"))["nonce"]
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, srv.URL+uri, rd)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("Authorization", digestAuthorization(public, private, method, uri, nonce, "0a4f113b", "00000001", `"MD5"`))
	return do(t, req)
}

func TestOpsManagerCreateWithoutOrgIDMakesAnOrganization(t *testing.T) {
	sim, srv := startOpsManager(t)

	// The organization's own key may not create an organization.
	r := cmAs(t, srv, testPublic, testSecret, "POST", "/groups", `{"name":"om-a"}`)
	wantError(t, r, http.StatusForbidden, "USER_UNAUTHORIZED")
	if len(sim.CloudManagerProjects()) != 0 || len(sim.CloudManagerOrganizations()) != 0 {
		t.Fatal("a refused create changed the world")
	}

	// The global key may: a new organization named after the project holds it.
	r = cmAs(t, srv, globalPublic, globalSecret, "POST", "/groups", `{"name":"om-a"}`)
	wantStatus(t, r, http.StatusCreated)
	g := r.json(t)
	orgs := sim.CloudManagerOrganizations()
	if len(orgs) != 1 || orgs[g["orgId"].(string)] != "om-a" || g["orgId"] == atlassim.DefaultOrgID {
		t.Fatalf("orgId %v, organizations %v", g["orgId"], orgs)
	}
	if g["agentApiKey"] == nil {
		t.Error("the create answer has no agentApiKey")
	}
	// Reads leave the agent API key out, as recent Ops Manager releases do.
	r = cmAs(t, srv, testPublic, testSecret, "GET", "/groups/"+g["id"].(string), "")
	wantStatus(t, r, http.StatusOK)
	if strings.Contains(r.body, "agentApiKey") {
		t.Errorf("GET shows agentApiKey: %s", r.body)
	}

	// The global key may create in that organization; the organization's key may not.
	r = cmAs(t, srv, testPublic, testSecret, "POST", "/groups", fmt.Sprintf(`{"name":"om-b","orgId":%q}`, g["orgId"]))
	wantStatus(t, r, http.StatusForbidden)
	r = cmAs(t, srv, globalPublic, globalSecret, "POST", "/groups", fmt.Sprintf(`{"name":"om-b","orgId":%q}`, g["orgId"]))
	wantStatus(t, r, http.StatusCreated)
	// Both keys create in the simulator's own organization.
	r = cmAs(t, srv, testPublic, testSecret, "POST", "/groups", fmt.Sprintf(`{"name":"om-c","orgId":%q}`, atlassim.DefaultOrgID))
	wantStatus(t, r, http.StatusCreated)
	r = cmAs(t, srv, globalPublic, globalSecret, "POST", "/groups", `{"name":"om-d","orgId":"0123456789abcdef01234567"}`)
	wantError(t, r, http.StatusNotFound, "ORG_NOT_FOUND")
}

func TestCloudManagerStillRequiresOrgID(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{GlobalPublicKey: globalPublic, GlobalPrivateKey: globalSecret})
	r := cmAs(t, srv, testPublic, testSecret, "POST", "/groups", `{"name":"cm-a"}`)
	wantError(t, r, http.StatusBadRequest, "MISSING_ATTRIBUTE")
	// Cloud Manager has no global keys.
	r = cmAs(t, srv, globalPublic, globalSecret, "GET", "/groups", "")
	wantStatus(t, r, http.StatusUnauthorized)
}

func TestOpsManagerServesOnlyThePublicAPI(t *testing.T) {
	_, srv := startOpsManager(t)
	for _, path := range []string{"/api/atlas/v2/groups", "/api/oauth/token"} {
		r := digestCall(t, srv, testPublic, testSecret, "GET", path, "", map[string]string{"Accept": v2Accept})
		wantError(t, r, http.StatusNotFound, "RESOURCE_NOT_FOUND")
	}
	// Ops Manager has no OAuth: a Bearer token the Cloud Manager flavour accepts is refused.
	r := apiWith(t, srv, "GET", cmBase+"/groups", "", map[string]string{"Accept": "application/json", "Authorization": "Bearer " + testToken})
	wantStatus(t, r, http.StatusUnauthorized)
}

func TestParseFlavor(t *testing.T) {
	for in, want := range map[string]atlassim.Flavor{"": atlassim.FlavorCloudManager, "cloud-manager": atlassim.FlavorCloudManager, "ops-manager": atlassim.FlavorOpsManager} {
		if got, err := atlassim.ParseFlavor(in); err != nil || got != want {
			t.Errorf("ParseFlavor(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := atlassim.ParseFlavor("atlas"); err == nil || !strings.Contains(err.Error(), "cloud-manager or ops-manager") {
		t.Errorf("ParseFlavor(atlas) error = %v", err)
	}
}

func TestTLSCertificatesAreTrustedOnlyThroughTheirCA(t *testing.T) {
	certs, err := atlassim.NewTLSCertificates("opsmanager.internal")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(atlassim.New(atlassim.Options{}))
	srv.TLS = certs.ServerConfig()
	srv.StartTLS()
	defer srv.Close()

	// Without the CA: the system roots do not know it.
	plain := &http.Client{Transport: &http.Transport{}}
	if _, err := plain.Get(srv.URL + "/api/public/v1.0/groups"); err == nil || !strings.Contains(err.Error(), "certificate signed by unknown authority") {
		t.Fatalf("without the CA: err = %v", err)
	}
	// With it, for every name the certificate lists.
	for _, host := range []string{"127.0.0.1", "localhost", "opsmanager.internal"} {
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: certs.CertPool(), ServerName: host}}}
		resp, err := client.Get(srv.URL + "/api/public/v1.0/groups")
		if err != nil {
			t.Fatalf("%s: %v", host, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want the digest challenge", host, resp.StatusCode)
		}
	}
	if !strings.HasPrefix(string(certs.CAPEM), "-----BEGIN CERTIFICATE-----") {
		t.Errorf("CAPEM = %q", certs.CAPEM)
	}
}
