package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func TestResolveTakesBlockThenEnvironmentInOrder(t *testing.T) {
	env := map[string]string{"MONGODB_ATLAS_PUBLIC_KEY": "from-second", "MCLI_PUBLIC_API_KEY": "from-third"}
	getenv := func(k string) string { return env[k] }

	got := resolve(settingPublicKey, types.StringValue("from-block"), getenv)
	if got.value != "from-block" || got.source != "provider block" {
		t.Errorf("block value: got %+v", got)
	}
	got = resolve(settingPublicKey, types.StringNull(), getenv)
	if got.value != "from-second" || got.source != "environment variable MONGODB_ATLAS_PUBLIC_KEY" {
		t.Errorf("environment value: got %+v", got)
	}
	got = resolve(settingBaseURL, types.StringNull(), getenv)
	if got.value != "" {
		t.Errorf("unset value: got %+v", got)
	}
}

func TestChooseCredentials(t *testing.T) {
	set := func(v string) resolved { return resolved{value: v, source: "provider block"} }
	none := resolved{}
	cases := []struct {
		name                                 string
		token, id, secret, public, private   resolved
		want                                 atlas.Credentials
		wantWarning                          bool
		wantProblemAttr, wantProblemContains string
	}{
		{name: "api key", public: set("pub"), private: set("priv"),
			want: atlas.Credentials{PublicKey: "pub", PrivateKey: "priv"}},
		{name: "service account", id: set("id"), secret: set("sec"),
			want: atlas.Credentials{ClientID: "id", ClientSecret: "sec"}},
		{name: "access token", token: set("tok"), want: atlas.Credentials{AccessToken: "tok"}},
		{name: "token wins with a warning", token: set("tok"), public: set("pub"), private: set("priv"),
			want: atlas.Credentials{AccessToken: "tok"}, wantWarning: true},
		{name: "service account beats api key", id: set("id"), secret: set("sec"), public: set("pub"), private: set("priv"),
			want: atlas.Credentials{ClientID: "id", ClientSecret: "sec"}, wantWarning: true},
		{name: "nothing", wantProblemContains: "Set one kind of credentials"},
		{name: "half api key", public: set("pub"), wantProblemAttr: "private_key", wantProblemContains: "MONGODB_ATLAS_PRIVATE_KEY"},
		{name: "half service account", secret: set("sec"), wantProblemAttr: "client_id", wantProblemContains: "client_secret is set"},
		{name: "half pair even when a token is set", token: set("tok"), id: set("id"), wantProblemAttr: "client_secret"},
		{name: "service account id as public key", public: set("mdb_sa_id_abc"), private: set("x"), wantProblemAttr: "public_key", wantProblemContains: "client_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []*resolved{&tc.token, &tc.id, &tc.secret, &tc.public, &tc.private} {
				if *r == (resolved{}) {
					*r = none
				}
			}
			choice, problem := chooseCredentials(tc.token, tc.id, tc.secret, tc.public, tc.private)
			if tc.wantProblemAttr != "" || tc.wantProblemContains != "" {
				if problem == nil {
					t.Fatalf("expected a problem, got %+v", choice)
				}
				if problem.attribute != tc.wantProblemAttr {
					t.Errorf("problem attribute %q, want %q", problem.attribute, tc.wantProblemAttr)
				}
				if !strings.Contains(problem.detail, tc.wantProblemContains) {
					t.Errorf("problem detail %q does not contain %q", problem.detail, tc.wantProblemContains)
				}
				return
			}
			if problem != nil {
				t.Fatalf("unexpected problem: %+v", problem)
			}
			if choice.credentials != tc.want {
				t.Errorf("credentials %+v, want %+v", choice.credentials, tc.want)
			}
			if (len(choice.warnings) > 0) != tc.wantWarning {
				t.Errorf("warnings %q, want warning=%v", choice.warnings, tc.wantWarning)
			}
		})
	}
}

func TestResolveBoolAllowInsecureHTTP(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	check := func(name string, block types.Bool, want bool, wantProblem string) {
		t.Helper()
		got, problem := resolveBool(settingCMAllowHTTP, block, getenv)
		switch {
		case wantProblem != "":
			if problem == nil || problem.attribute != "cloud_manager_allow_insecure_http" || !strings.Contains(problem.detail, wantProblem) {
				t.Errorf("%s: problem = %+v, want one containing %q", name, problem, wantProblem)
			}
		case problem != nil || got != want:
			t.Errorf("%s: got %v, %+v; want %v", name, got, problem, want)
		}
	}
	check("unset", types.BoolNull(), false, "")
	env["MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP"] = "true"
	check("environment", types.BoolNull(), true, "")
	check("block false beats environment true", types.BoolValue(false), false, "")
	env["MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP"] = "yes please"
	check("not a boolean", types.BoolNull(), false, `MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP is "yes please"; set it to true or false`)
	check("block wins over a bad environment value", types.BoolValue(true), true, "")
}

func TestInsecureHTTPWarningSaysWhatTravelsInClear(t *testing.T) {
	w := insecureHTTPWarning("http://opsmanager.internal:8080/")
	for _, want := range []string{`"http://opsmanager.internal:8080/"`, "never sends the private key", "agent_api_key", "travel in clear", "HTTPS"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q does not contain %q", w, want)
		}
	}
}

func TestTokenFailureBlamesWhatFailed(t *testing.T) {
	refused := &atlas.Error{Method: "POST", Path: "/api/oauth/token", Status: 401, ErrorCode: "invalid_client"}
	missing := &atlas.Error{Method: "POST", Path: "/api/oauth/token", Status: 404, ErrorCode: "RESOURCE_NOT_FOUND"}
	cases := []struct {
		err           error
		summary, text string
	}{
		{refused, "rejected the service account credentials", "Check client_id and client_secret"},
		{missing, "base_url has no service account token endpoint", "Ops Manager has no service accounts"},
		{errors.New("dial tcp 10.0.0.1:443: connect: connection refused"), "cannot be reached", "base_url (MONGODB_ATLAS_BASE_URL)"},
	}
	for _, c := range cases {
		summary, detail := tokenFailure(c.err)
		if !strings.Contains(summary, c.summary) || !strings.Contains(detail, c.text) || !strings.Contains(detail, c.err.Error()) {
			t.Errorf("%v: %q / %q", c.err, summary, detail)
		}
	}
}
