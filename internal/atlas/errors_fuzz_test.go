package atlas

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNewErrorFromBody decodes arbitrary error bodies. Whatever Atlas, a proxy
// or the token endpoint sends, the decoded error keeps the HTTP status, method
// and path (so IsNotFound and the retry and hint logic stay right), shows them
// in its text, and turns anything that is not a known JSON shape into a short
// one-line snippet.
func FuzzNewErrorFromBody(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{404, `{"detail":"No group with ID 5f1e2d3c4b5a697887766554 exists.","error":404,"errorCode":"GROUP_NOT_FOUND","parameters":["5f1e2d3c4b5a697887766554"],"reason":"Not Found"}`},
		{400, `{"detail":"Invalid attribute name specified.","error":400,"errorCode":"INVALID_ATTRIBUTE","parameters":["name"],"reason":"Bad Request"}`},
		{401, `{"error":"invalid_client","error_description":"Invalid client credentials"}`},
		{429, `{"error":"rate_limited"}`},
		{409, `{"errorCode":"CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS","error":"x","detail":""}`},
		{502, `<html><body><h1>502 Bad Gateway</h1></body></html>`},
		{503, ""},
		{500, "   \n\t  "},
		{500, "null"},
		{500, `["errorCode"]`},
		{500, `{"errorCode":5}`},
		{500, `{"parameters":"not a list"}`},
		{500, `{"detail":"line one\nline two"}`},
		{500, strings.Repeat("é", 300)},
		{500, "\xff\xfe" + strings.Repeat("x", 250)},
		{0, "{"},
		{-1, `{"errorCode":"NEGATIVE"}`},
		{999, `{"error":{"nested":true}}`},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		const method, path = "GET", "/api/atlas/v2/groups/5f1e2d3c4b5a697887766554"
		e := newErrorFromBody(method, path, status, body)
		if e == nil {
			t.Fatal("nil error")
		}
		if e.Status != status || e.Method != method || e.Path != path {
			t.Fatalf("lost the request: got %s %s %d, want %s %s %d", e.Method, e.Path, e.Status, method, path, status)
		}
		msg := e.Error()
		if want := fmt.Sprintf("%s %s: HTTP %d", method, path, status); !strings.HasPrefix(msg, want) {
			t.Fatalf("error text %q does not start with %q", msg, want)
		}
		if IsNotFound(e) != (status == 404) {
			t.Fatalf("IsNotFound = %v for status %d", IsNotFound(e), status)
		}
		if got, ok := AsError(fmt.Errorf("wrapped: %w", e)); !ok || got != e {
			t.Fatal("AsError does not find the error through wrapping")
		}

		// A JSON object with a string errorCode keeps it exactly.
		var doc map[string]any
		trimmed := strings.TrimSpace(string(body))
		isObject := json.Unmarshal([]byte(trimmed), &doc) == nil && strings.HasPrefix(trimmed, "{")
		if isObject {
			if code, ok := doc["errorCode"].(string); ok && code != "" && e.ErrorCode != code {
				if _, typed := typedErrorBody(trimmed); typed {
					t.Fatalf("errorCode %q decoded as %q", code, e.ErrorCode)
				}
			}
			if detail, ok := doc["detail"].(string); ok && detail != "" && e.Detail != detail {
				if _, typed := typedErrorBody(trimmed); typed {
					t.Fatalf("detail %q decoded as %q", detail, e.Detail)
				}
			}
		}
		// Anything that is not one of the known shapes becomes a bounded snippet.
		if _, typed := typedErrorBody(trimmed); !typed {
			if e.ErrorCode != "" || e.Reason != "" || e.Parameters != nil {
				t.Fatalf("unstructured body %q produced structured fields %+v", body, e)
			}
			if strings.ContainsAny(e.Detail, "\n\r") {
				t.Fatalf("snippet %q spans several lines", e.Detail)
			}
			if len(e.Detail) > maxErrorSnippet+len("...") {
				t.Fatalf("snippet of %d bytes", len(e.Detail))
			}
			if utf8.Valid(body) && !utf8.ValidString(e.Detail) {
				t.Fatalf("snippet %q of a valid UTF-8 body is not valid UTF-8", e.Detail)
			}
		}
	})
}

// typedErrorBody reports whether body decodes into errorBody as a JSON object,
// the condition under which newErrorFromBody uses the structured fields.
func typedErrorBody(trimmed string) (errorBody, bool) {
	var parsed errorBody
	if trimmed == "" || trimmed[0] != '{' {
		return parsed, false
	}
	return parsed, json.Unmarshal([]byte(trimmed), &parsed) == nil
}
