package atlas

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestErrorDecoding(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   Error
	}{
		{
			name:   "atlas error",
			status: 404,
			body:   `{"detail":"No group with ID abc exists.","error":404,"errorCode":"GROUP_NOT_FOUND","parameters":["abc"],"reason":"Not Found"}`,
			want:   Error{Status: 404, ErrorCode: "GROUP_NOT_FOUND", Detail: "No group with ID abc exists.", Reason: "Not Found", Parameters: []any{"abc"}},
		},
		{
			name:   "pretty-printed digest challenge body",
			status: 401,
			body:   "{\n  \"error\" : 401,\n  \"reason\" : \"Unauthorized\",\n  \"detail\" : \"You are not authorized for this resource.\",\n  \"errorCode\" : \"UNEXPECTED_ERROR\"\n}",
			want:   Error{Status: 401, ErrorCode: "UNEXPECTED_ERROR", Detail: "You are not authorized for this resource.", Reason: "Unauthorized"},
		},
		{
			name:   "null parameters",
			status: 409,
			body:   `{"detail":"d","error":409,"errorCode":"CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS","parameters":null,"reason":"Conflict"}`,
			want:   Error{Status: 409, ErrorCode: "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS", Detail: "d", Reason: "Conflict"},
		},
		{
			name:   "oauth error",
			status: 401,
			body:   `{"error":"invalid_client","error_description":"Invalid credentials provided."}`,
			want:   Error{Status: 401, ErrorCode: "invalid_client", Detail: "Invalid credentials provided."},
		},
		{
			name:   "html from a proxy",
			status: 502,
			body:   "<html>\n<body>Bad   Gateway</body></html>",
			want:   Error{Status: 502, Detail: "<html> <body>Bad Gateway</body></html>"},
		},
		{
			name:   "empty body",
			status: 503,
			body:   "",
			want:   Error{Status: 503},
		},
		{
			name:   "JSON that is not an object",
			status: 500,
			body:   `"oops"`,
			want:   Error{Status: 500, Detail: `"oops"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}}
			c, _ := newBearerTestClient(t, rec)
			_, err := c.GetProject(context.Background(), "abc")
			apiErr, ok := AsError(err)
			if !ok {
				t.Fatalf("err = %v (%T), want *Error", err, err)
			}
			want := tt.want
			want.Method = "GET"
			want.Path = "/api/atlas/v2/groups/abc"
			if !reflect.DeepEqual(*apiErr, want) {
				t.Errorf("got  %#v\nwant %#v", *apiErr, want)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	e := &Error{Method: "GET", Path: "/api/atlas/v2/groups/abc", Status: 404, ErrorCode: "GROUP_NOT_FOUND", Detail: "No group with ID abc exists."}
	if got, want := e.Error(), "GET /api/atlas/v2/groups/abc: HTTP 404 GROUP_NOT_FOUND: No group with ID abc exists."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	bare := &Error{Method: "DELETE", Path: "/x", Status: 503}
	if got := bare.Error(); got != "DELETE /x: HTTP 503" {
		t.Errorf("Error() = %q", got)
	}
}

func TestLongNonJSONBodyIsCut(t *testing.T) {
	e := newErrorFromBody("GET", "/p", 500, []byte(strings.Repeat("é", 500)))
	if len(e.Detail) > maxErrorSnippet+len("...") || !strings.HasSuffix(e.Detail, "...") {
		t.Errorf("Detail is %d bytes: %q", len(e.Detail), e.Detail)
	}
}

func TestErrorHelpers(t *testing.T) {
	notFound := &Error{Status: 404, ErrorCode: "GROUP_NOT_FOUND"}
	conflict := &Error{Status: 409, ErrorCode: "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS"}
	wrapped := fmt.Errorf("reading project: %w", notFound)
	plain := errors.New("GROUP_NOT_FOUND 404")
	tokenRefused := fmt.Errorf("fetching a token: %w", &Error{Status: 401, Method: "POST", Path: "/api/oauth/token"})
	apiRefused := &Error{Status: 401, Method: "GET", Path: "/api/atlas/v2/groups"}

	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"IsNotFound 404", IsNotFound(notFound), true},
		{"IsNotFound wrapped", IsNotFound(wrapped), true},
		{"IsNotFound 409", IsNotFound(conflict), false},
		{"IsNotFound plain error with matching text", IsNotFound(plain), false},
		{"IsNotFound nil", IsNotFound(nil), false},
		{"HasErrorCode match", HasErrorCode(wrapped, "X", "GROUP_NOT_FOUND"), true},
		{"HasErrorCode no match", HasErrorCode(notFound, "CLUSTER_NOT_FOUND"), false},
		{"HasErrorCode no codes", HasErrorCode(notFound), false},
		{"HasErrorCode plain", HasErrorCode(plain, "GROUP_NOT_FOUND"), false},
		{"HasErrorCodePrefix match", HasErrorCodePrefix(conflict, "CANNOT_CLOSE_GROUP_ACTIVE_"), true},
		{"HasErrorCodePrefix no match", HasErrorCodePrefix(notFound, "CANNOT_CLOSE_GROUP_ACTIVE_"), false},
		{"HasErrorCodePrefix empty prefix", HasErrorCodePrefix(conflict, ""), false},
		{"IsTokenRefused token endpoint 401", IsTokenRefused(tokenRefused), true},
		{"IsTokenRefused API 401", IsTokenRefused(apiRefused), false},
		{"IsTokenRefused 404", IsTokenRefused(notFound), false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if got, ok := AsError(wrapped); !ok || got != notFound {
		t.Errorf("AsError(wrapped) = %v, %v", got, ok)
	}
}

func TestAccessListHint(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  *Error
		want string
	}{
		{"address from the parameters", &Error{Status: 403, ErrorCode: CodeIPNotOnAccessList, Parameters: []any{"198.51.100.7"}}, "198.51.100.7 is not on it"},
		{"no parameters", &Error{Status: 403, ErrorCode: CodeIPNotOnAccessList}, "this machine's address is not on it"},
	} {
		got := Hint(tc.err)
		if !strings.Contains(got, tc.want) || !strings.Contains(got, "not to the project") {
			t.Errorf("%s: Hint = %q, want it to contain %q", tc.name, got, tc.want)
		}
	}
	if got := Hint(&Error{Status: 403, ErrorCode: "USER_UNAUTHORIZED"}); strings.Contains(got, "is not on it") {
		t.Errorf("another 403 got the access list hint: %q", got)
	}
}

func TestIsTerminationProtectionError(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{&Error{Status: 400, ErrorCode: "ATLAS_GENERAL_ERROR", Detail: "Cannot delete: termination protection is enabled."}, true},
		{&Error{Status: 400, ErrorCode: "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED"}, true},
		{&Error{Status: 400, ErrorCode: "ATLAS_GENERAL_ERROR", Detail: "something else"}, false},
		{nil, false},
	}
	for _, tc := range cases {
		if got := IsTerminationProtectionError(tc.err); got != tc.want {
			t.Errorf("%v: got %v", tc.err, got)
		}
	}
}
