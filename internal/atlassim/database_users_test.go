package atlassim_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestDatabaseUsers_lifecycle(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "users")
	base := "/api/atlas/v2/groups/" + pid + "/databaseUsers"

	r := api(t, srv, "POST", base, fmt.Sprintf(`{"groupId":%q,"databaseName":"admin","username":"app","password":"s3cret-pass",
		"roles":[{"roleName":"readWrite","databaseName":"shop","collectionName":"orders"},{"roleName":"atlasAdmin","databaseName":"admin"}],
		"scopes":[{"name":"Cluster0","type":"CLUSTER"}],"labels":[{"key":"team","value":"data"}],"description":"the app"}`, pid))
	wantStatus(t, r, http.StatusCreated)
	body := r.json(t)
	if _, leaked := body["password"]; leaked {
		t.Fatalf("the answer carries the password: %s", r.body)
	}
	for key, want := range map[string]any{"username": "app", "databaseName": "admin", "groupId": pid, "x509Type": "NONE",
		"awsIAMType": "NONE", "ldapAuthType": "NONE", "oidcAuthType": "NONE", "description": "the app"} {
		if body[key] != want {
			t.Errorf("%s = %v, want %v", key, body[key], want)
		}
	}
	if !sim.CheckDatabaseUserPassword(pid, "admin", "app", "s3cret-pass") {
		t.Fatal("password not stored")
	}

	// A second user with the same name and database is a conflict.
	wantError(t, api(t, srv, "POST", base, `{"databaseName":"admin","username":"app","password":"another-pass","roles":[{"roleName":"read","databaseName":"x"}]}`),
		http.StatusConflict, "USER_ALREADY_EXISTS")

	got := api(t, srv, "GET", base+"/admin/app", "")
	wantStatus(t, got, http.StatusOK)
	if got.body != r.body {
		t.Fatalf("GET differs from the create answer:\n%s\n%s", got.body, r.body)
	}

	// PATCH replaces roles and the password; labels not sent stay.
	p := api(t, srv, "PATCH", base+"/admin/app", `{"roles":[{"roleName":"read","databaseName":"shop"}],"password":"new-password"}`)
	wantStatus(t, p, http.StatusOK)
	if !strings.Contains(p.body, `"roles":[{"databaseName":"shop","roleName":"read"}]`) || !strings.Contains(p.body, `"labels":[{"key":"team","value":"data"}]`) {
		t.Fatalf("patched user: %s", p.body)
	}
	if !sim.CheckDatabaseUserPassword(pid, "admin", "app", "new-password") {
		t.Fatal("password not changed")
	}
	if u, _ := sim.DatabaseUser(pid, "admin", "app"); u.PasswordChanges != 1 {
		t.Fatalf("PasswordChanges = %d", u.PasswordChanges)
	}
	wantError(t, api(t, srv, "PATCH", base+"/admin/app", `{"x509Type":"MANAGED"}`), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, api(t, srv, "PATCH", base+"/admin/app", `{"links":[]}`), http.StatusBadRequest, "ATTRIBUTE_READ_ONLY")

	list := api(t, srv, "GET", base, "")
	wantStatus(t, list, http.StatusOK)
	if n := list.json(t)["totalCount"]; n != float64(1) {
		t.Fatalf("totalCount = %v", n)
	}

	if d := api(t, srv, "DELETE", base+"/admin/app", ""); d.status != http.StatusNoContent || d.body != "" {
		t.Fatalf("delete = %d %q", d.status, d.body)
	}
	wantError(t, api(t, srv, "GET", base+"/admin/app", ""), http.StatusNotFound, "USERNAME_NOT_FOUND")
	wantError(t, api(t, srv, "DELETE", base+"/admin/app", ""), http.StatusNotFound, "USERNAME_NOT_FOUND")
	wantError(t, api(t, srv, "GET", base+"/local/app", ""), http.StatusBadRequest, "INVALID_PATH_PARAMETER")
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups/0123456789abcdef01234567/databaseUsers", ""), http.StatusNotFound, "GROUP_NOT_FOUND")
}

func TestDatabaseUsers_authenticationKinds(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "auth-kinds")
	base := "/api/atlas/v2/groups/" + pid + "/databaseUsers"
	role := `"roles":[{"roleName":"readAnyDatabase","databaseName":"admin"}]`
	for _, body := range []string{
		`{"databaseName":"$external","username":"CN=app,OU=eng","x509Type":"CUSTOMER",` + role + `}`,
		`{"databaseName":"$external","username":"managed-user","x509Type":"MANAGED",` + role + `}`,
		`{"databaseName":"$external","username":"CN=ldap,DC=example,DC=com","ldapAuthType":"USER",` + role + `}`,
		`{"databaseName":"$external","username":"arn:aws:iam::123456789012:role/app","awsIAMType":"ROLE",` + role + `}`,
		`{"databaseName":"$external","username":"0oa1idp/workload-user","oidcAuthType":"USER",` + role + `}`,
		`{"databaseName":"admin","username":"0oa1idp/engineers","oidcAuthType":"IDP_GROUP",` + role + `}`,
	} {
		wantStatus(t, api(t, srv, "POST", base, body), http.StatusCreated)
	}
	// A user name with a slash is addressed with %2F and stays one path segment.
	wantStatus(t, api(t, srv, "GET", base+"/admin/0oa1idp%2Fengineers", ""), http.StatusOK)
	wantStatus(t, api(t, srv, "GET", base+"/$external/arn:aws:iam::123456789012:role%2Fapp", ""), http.StatusOK)
	if n := len(sim.DatabaseUsers(pid)); n != 6 {
		t.Fatalf("%d users stored", n)
	}
}

func TestDatabaseUsers_validation(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "validation")
	base := "/api/atlas/v2/groups/" + pid + "/databaseUsers"
	role := `"roles":[{"roleName":"read","databaseName":"shop"}]`
	cases := []struct {
		name, body, code string
	}{
		{"unknown field", `{"databaseName":"admin","username":"u","password":"password1","userName":"x",` + role + `}`, "INVALID_ATTRIBUTE"},
		{"no roles", `{"databaseName":"admin","username":"u","password":"password1"}`, "MISSING_ATTRIBUTE"},
		{"empty roles", `{"databaseName":"admin","username":"u","password":"password1","roles":[]}`, "VALIDATION_ERROR"},
		{"no username", `{"databaseName":"admin","password":"password1",` + role + `}`, "MISSING_ATTRIBUTE"},
		{"bad auth database", `{"databaseName":"local","username":"u","password":"password1",` + role + `}`, "INVALID_ENUM_VALUE"},
		{"scram in $external", `{"databaseName":"$external","username":"u","password":"password1",` + role + `}`, "VALIDATION_ERROR"},
		{"scram without password", `{"databaseName":"admin","username":"u",` + role + `}`, "MISSING_ATTRIBUTE"},
		{"short password", `{"databaseName":"admin","username":"u","password":"short",` + role + `}`, "VALIDATION_ERROR"},
		{"password for x509", `{"databaseName":"$external","username":"CN=u","x509Type":"CUSTOMER","password":"password1",` + role + `}`, "VALIDATION_ERROR"},
		{"two auth kinds", `{"databaseName":"$external","username":"CN=u","x509Type":"CUSTOMER","ldapAuthType":"USER",` + role + `}`, "VALIDATION_ERROR"},
		{"bad x509 type", `{"databaseName":"$external","username":"CN=u","x509Type":"SELF",` + role + `}`, "INVALID_ENUM_VALUE"},
		{"iam user not an arn", `{"databaseName":"$external","username":"bob","awsIAMType":"USER",` + role + `}`, "VALIDATION_ERROR"},
		{"oidc without idp", `{"databaseName":"$external","username":"bob","oidcAuthType":"USER",` + role + `}`, "VALIDATION_ERROR"},
		{"unknown role", `{"databaseName":"admin","username":"u","password":"password1","roles":[{"roleName":"superuser","databaseName":"admin"}]}`, "VALIDATION_ERROR"},
		{"admin role elsewhere", `{"databaseName":"admin","username":"u","password":"password1","roles":[{"roleName":"atlasAdmin","databaseName":"shop"}]}`, "VALIDATION_ERROR"},
		{"collection on dbAdmin", `{"databaseName":"admin","username":"u","password":"password1","roles":[{"roleName":"dbAdmin","databaseName":"shop","collectionName":"c"}]}`, "VALIDATION_ERROR"},
		{"role without database", `{"databaseName":"admin","username":"u","password":"password1","roles":[{"roleName":"read"}]}`, "MISSING_ATTRIBUTE"},
		{"bad database name", `{"databaseName":"admin","username":"u","password":"password1","roles":[{"roleName":"read","databaseName":"a.b"}]}`, "VALIDATION_ERROR"},
		{"unknown role field", `{"databaseName":"admin","username":"u","password":"password1","roles":[{"roleName":"read","databaseName":"a","db":"x"}]}`, "INVALID_ATTRIBUTE"},
		{"bad scope type", `{"databaseName":"admin","username":"u","password":"password1","scopes":[{"name":"c0","type":"SERVER"}],` + role + `}`, "INVALID_ENUM_VALUE"},
		{"bad scope name", `{"databaseName":"admin","username":"u","password":"password1","scopes":[{"name":"c_0","type":"CLUSTER"}],` + role + `}`, "VALIDATION_ERROR"},
		{"scope without type", `{"databaseName":"admin","username":"u","password":"password1","scopes":[{"name":"c0"}],` + role + `}`, "MISSING_ATTRIBUTE"},
		{"empty label", `{"databaseName":"admin","username":"u","password":"password1","labels":[{"key":"","value":"v"}],` + role + `}`, "VALIDATION_ERROR"},
		{"long description", `{"databaseName":"admin","username":"u","password":"password1","description":"` + strings.Repeat("d", 101) + `",` + role + `}`, "VALIDATION_ERROR"},
		{"other project", `{"groupId":"0123456789abcdef01234567","databaseName":"admin","username":"u","password":"password1",` + role + `}`, "VALIDATION_ERROR"},
		{"past expiry", `{"databaseName":"admin","username":"u","password":"password1","deleteAfterDate":"2020-01-01T00:00:00Z",` + role + `}`, "VALIDATION_ERROR"},
		{"not json", `{"databaseName":`, "MALFORMED_JSON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, api(t, srv, "POST", base, tc.body), http.StatusBadRequest, tc.code)
		})
	}
	// None of the refused requests created anything.
	if r := api(t, srv, "GET", base, ""); !strings.Contains(r.body, `"results":[]`) {
		t.Fatalf("list after refused creates: %s", r.body)
	}
	// A temporary user within the week is accepted.
	soon := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	wantStatus(t, api(t, srv, "POST", base, `{"databaseName":"admin","username":"temp","password":"password1","deleteAfterDate":"`+soon+`",`+role+`}`), http.StatusCreated)
}

func TestDatabaseUsers_pagination(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "pages")
	base := "/api/atlas/v2/groups/" + pid + "/databaseUsers"
	for i := 0; i < 5; i++ {
		wantStatus(t, api(t, srv, "POST", base, fmt.Sprintf(`{"databaseName":"admin","username":"u%d","password":"password1","roles":[{"roleName":"read","databaseName":"x"}]}`, i)), http.StatusCreated)
	}
	r := api(t, srv, "GET", base+"?itemsPerPage=2&pageNum=3", "")
	wantStatus(t, r, http.StatusOK)
	m := r.json(t)
	results := m["results"].([]any)
	if len(results) != 1 || results[0].(map[string]any)["username"] != "u4" || m["totalCount"] != float64(5) {
		t.Fatalf("page 3: %s", r.body)
	}
	wantError(t, api(t, srv, "GET", base+"?itemsPerPage=501", ""), http.StatusBadRequest, "INVALID_QUERY_PARAMETER")
}
