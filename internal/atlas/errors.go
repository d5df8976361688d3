package atlas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Error is a non-2xx answer from Atlas, Cloud Manager or the OAuth token endpoint.
//
// Callers branch on Status and ErrorCode (see IsNotFound, HasErrorCode), never on the
// text of Error().
type Error struct {
	Method     string // HTTP method of the failed request
	Path       string // URL path without query
	Status     int
	ErrorCode  string // Atlas errorCode, or the OAuth "error" (e.g. "invalid_client") for token endpoint failures
	Detail     string // Atlas detail, or OAuth error_description
	Reason     string
	Parameters []any

	// OrganizationID is set when a GROUP_NOT_FOUND answer was for an id that is an
	// organization's: the caller passed an organization id as a project id.
	OrganizationID string
}

// Error renders one line, e.g.
// `GET /api/atlas/v2/groups/abc: HTTP 404 GROUP_NOT_FOUND: No group with ID abc exists.`
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.Status)
	if e.ErrorCode != "" {
		b.WriteString(" ")
		b.WriteString(e.ErrorCode)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// AsError returns the *Error in err's chain, if there is one.
func AsError(err error) (*Error, bool) {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr, true
	}
	return nil, false
}

// IsNotFound reports whether err is an *Error with HTTP status 404, whatever its errorCode
// (Atlas uses several: GROUP_NOT_FOUND, CLUSTER_NOT_FOUND, RESOURCE_NOT_FOUND, ...).
func IsNotFound(err error) bool {
	apiErr, ok := AsError(err)
	return ok && apiErr.Status == 404
}

// IsTokenRefused reports whether err is the OAuth token endpoint refusing to issue a
// service account token (401): the credentials are wrong or revoked, whatever API the
// request was for.
func IsTokenRefused(err error) bool {
	apiErr, ok := AsError(err)
	return ok && apiErr.Status == 401 && strings.HasSuffix(apiErr.Path, "/"+tokenPath)
}

// HasErrorCode reports whether err is an *Error whose ErrorCode is one of codes.
func HasErrorCode(err error, codes ...string) bool {
	apiErr, ok := AsError(err)
	if !ok {
		return false
	}
	for _, code := range codes {
		if apiErr.ErrorCode == code {
			return true
		}
	}
	return false
}

// HasErrorCodePrefix reports whether err is an *Error whose ErrorCode starts with prefix,
// e.g. "CANNOT_CLOSE_GROUP_ACTIVE_" for every "project still holds X" refusal.
func HasErrorCodePrefix(err error, prefix string) bool {
	apiErr, ok := AsError(err)
	return ok && prefix != "" && strings.HasPrefix(apiErr.ErrorCode, prefix)
}

// errorBody accepts both error shapes we meet on the same host:
// Atlas/Cloud Manager {"detail","error":<int>,"errorCode","parameters","reason"} and
// RFC 6749 {"error":"<code>","error_description"} from the token endpoint.
type errorBody struct {
	Detail           string          `json:"detail"`
	Error            json.RawMessage `json:"error"`
	ErrorCode        string          `json:"errorCode"`
	Parameters       []any           `json:"parameters"`
	Reason           string          `json:"reason"`
	ErrorDescription string          `json:"error_description"`
}

// maxErrorSnippet bounds how much of a non-JSON error body ends up in Detail: enough to
// recognise an HTML error page or a proxy message, short enough for a diagnostic line.
const maxErrorSnippet = 200

// newErrorFromBody builds an *Error from a non-2xx answer. It never fails: a body that is
// not one of the known JSON shapes becomes a short snippet in Detail.
func newErrorFromBody(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, Status: status}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return e
	}
	var parsed errorBody
	if err := json.Unmarshal(trimmed, &parsed); err != nil || trimmed[0] != '{' {
		e.Detail = snippet(trimmed)
		return e
	}
	e.ErrorCode = parsed.ErrorCode
	e.Detail = parsed.Detail
	e.Reason = parsed.Reason
	e.Parameters = parsed.Parameters
	// OAuth shape: "error" is the machine-readable code as a string.
	var oauthCode string
	if len(parsed.Error) > 0 && json.Unmarshal(parsed.Error, &oauthCode) == nil && e.ErrorCode == "" {
		e.ErrorCode = oauthCode
		if e.Detail == "" {
			e.Detail = parsed.ErrorDescription
		}
	}
	return e
}

// snippet returns the start of body on one line, cut at a rune boundary.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) <= maxErrorSnippet {
		return s
	}
	cut := maxErrorSnippet
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// ConfigError is a problem with the client configuration, found before any network I/O.
type ConfigError struct {
	Field   string // provider attribute, e.g. "base_url" or "private_key"
	Problem string
	Fix     string
}

func (e *ConfigError) Error() string {
	msg := fmt.Sprintf("invalid %s: %s", e.Field, e.Problem)
	if e.Fix != "" {
		msg += ". " + e.Fix
	}
	return msg
}

// Hint says what a user can do about a failed call, for the end of a diagnostic. It is
// empty for answers whose Detail already says it (validation errors and the like).
func Hint(err error) string {
	apiErr, ok := AsError(err)
	switch {
	case IsBaseURLError(err):
		return "" // its text names the setting, its value and the fix
	case !ok:
		return "The connection to Atlas failed and retrying did not help: check the network and any proxy between here and Atlas, then run the same command again."
	case IsTokenRefused(err):
		return "Atlas refused to issue an access token for the service account: check client_id and client_secret " +
			"(MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET) and that the service account still exists, then run the same command again."
	case apiErr.OrganizationID != "":
		return organizationIDHint(apiErr)
	case apiErr.ErrorCode == CodeIPNotOnAccessList:
		return AccessListHint(apiErr)
	case apiErr.Status == 401:
		return "Atlas rejected the credentials: check the API key or service account and its IP access list."
	case apiErr.Status == 403:
		return "The credentials lack permission for this project or its IP access list does not include this machine."
	case apiErr.Status == 429:
		return "Atlas kept rate-limiting the requests after several retries: run the same command again later, or with a lower -parallelism."
	case apiErr.Status >= 500:
		return "Atlas had a problem on its side: run the same command again in a few minutes."
	}
	return ""
}

// CodeIPNotOnAccessList is Atlas's answer (403) to valid credentials used from an address
// their API access list does not hold.
const CodeIPNotOnAccessList = "IP_ADDRESS_NOT_ON_ACCESS_LIST"

// AccessListHint explains an IP_ADDRESS_NOT_ON_ACCESS_LIST answer. Users look for the
// address in the project's network access list, which only governs database
// connections; the API access list belongs to the API key or service account.
func AccessListHint(apiErr *Error) string {
	address := "this machine's address"
	if len(apiErr.Parameters) > 0 {
		if ip, ok := apiErr.Parameters[0].(string); ok && ip != "" {
			address = ip
		}
	}
	return fmt.Sprintf("The API key or service account may only be used from the addresses on its own API access list, and %s is not on it. "+
		"That list belongs to the key or service account, not to the project (the project's network access list only governs database connections): "+
		"add %s in the organization's Access Manager (Applications, then API Keys or Service Accounts, Edit, API Access List), "+
		"or run from an address that is listed, then run the same command again.", address, address)
}

// WithHint is err's text followed by Hint, for a diagnostic's detail.
func WithHint(err error) string {
	if hint := Hint(err); hint != "" {
		return err.Error() + "\n\n" + hint
	}
	return err.Error()
}

// IsEndpointGone reports whether an answer means that the endpoint itself no
// longer exists: 410 after its sunset, or 404 RESOURCE_NOT_FOUND / 405 from a
// route that was removed. It does not mean that the object is missing.
func IsEndpointGone(err error) bool {
	apiErr, ok := AsError(err)
	if !ok {
		return false
	}
	switch {
	case apiErr.Status == http.StatusGone, apiErr.Status == http.StatusMethodNotAllowed:
		return true
	case apiErr.Status == http.StatusNotFound && apiErr.ErrorCode == "RESOURCE_NOT_FOUND":
		return true
	}
	return false
}

// IsTerminationProtectionError recognises Atlas's refusal to delete a
// protected deployment, in either of the forms Atlas uses: the cluster family's
// error code, or the flex API's general error naming termination protection.
func IsTerminationProtectionError(err error) bool {
	if HasErrorCode(err, "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED") {
		return true
	}
	apiErr, ok := AsError(err)
	return ok && apiErr.ErrorCode == "ATLAS_GENERAL_ERROR" && strings.Contains(strings.ToLower(apiErr.Detail), "termination protection")
}
