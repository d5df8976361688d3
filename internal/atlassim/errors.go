package atlassim

import (
	"fmt"
	"net/http"
)

// apiError is the Atlas error body. The field order is alphabetical on
// purpose: encoding/json writes struct fields in declaration order, and the
// real server sends its error keys sorted.
type apiError struct {
	Detail     string `json:"detail"`
	Status     int    `json:"error"`
	ErrorCode  string `json:"errorCode"`
	Parameters []any  `json:"parameters"`
	Reason     string `json:"reason"`

	// retryAfter, when above zero, is sent as the Retry-After header.
	retryAfter int
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.Status, e.ErrorCode, e.Detail)
}

// newError builds an Atlas error. Parameters are never nil so the body says
// "parameters":[] rather than null, which is what most real errors carry.
func newError(status int, code, detail string, params ...any) *apiError {
	if params == nil {
		params = []any{}
	}
	return &apiError{
		Detail:     detail,
		Status:     status,
		ErrorCode:  code,
		Parameters: params,
		Reason:     http.StatusText(status),
	}
}

// Constructors for the errors that several handlers share. Templates come from
// the Atlas error catalogue.

func errGroupNotFound(id string) *apiError {
	return newError(http.StatusNotFound, "GROUP_NOT_FOUND",
		fmt.Sprintf("No group with ID %s exists.", id), id)
}

func errInvalidGroupID(id string) *apiError {
	// Atlas answers a malformed group id with 404, not 400.
	return newError(http.StatusNotFound, "INVALID_GROUP_ID",
		fmt.Sprintf("An invalid group ID %s was specified.", id), id)
}

func errResourceNotFound(path string) *apiError {
	return newError(http.StatusNotFound, "RESOURCE_NOT_FOUND",
		fmt.Sprintf("Cannot find resource %s.", path), path)
}

func errMethodNotAllowed(method, path string) *apiError {
	return newError(http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
		fmt.Sprintf("Method %s is not allowed for resource %s.", method, path), method, path)
}

func errInvalidAttribute(name string) *apiError {
	return newError(http.StatusBadRequest, "INVALID_ATTRIBUTE",
		fmt.Sprintf("Invalid attribute %s specified.", name), name)
}

func errMissingAttribute(name string) *apiError {
	return newError(http.StatusBadRequest, "MISSING_ATTRIBUTE",
		fmt.Sprintf("The required attribute %s was not specified.", name), name)
}

func errReadOnlyAttribute(name string) *apiError {
	return newError(http.StatusBadRequest, "ATTRIBUTE_READ_ONLY",
		fmt.Sprintf("Attribute %s is read-only and cannot be changed.", name), name)
}

func errMalformedJSON() *apiError {
	return newError(http.StatusBadRequest, "MALFORMED_JSON",
		"The request body could not be parsed as JSON.")
}

func errValidation(detail string) *apiError {
	return newError(http.StatusBadRequest, "VALIDATION_ERROR",
		fmt.Sprintf("The request content produced the validation error: %s", detail), detail)
}

func errInvalidQueryParameter(name, value string) *apiError {
	return newError(http.StatusBadRequest, "INVALID_QUERY_PARAMETER",
		fmt.Sprintf("Invalid query parameter %s with value %s.", name, value), name, value)
}

func errInvalidPathParameter(name, value string) *apiError {
	return newError(http.StatusBadRequest, "INVALID_PATH_PARAMETER",
		fmt.Sprintf("Invalid path parameter %s with value %s.", name, value), name, value)
}

// errorCodeForStatus picks an Atlas-looking error code for an injected fault.
func errorCodeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "INVALID_REQUEST"
	case http.StatusUnauthorized:
		return "UNAUTHORIZED"
	case http.StatusForbidden:
		return "FORBIDDEN"
	case http.StatusNotFound:
		return "RESOURCE_NOT_FOUND"
	case http.StatusConflict:
		return "CONFLICT"
	case http.StatusTooManyRequests:
		return "RATE_LIMITED_TOKEN_BUCKET"
	case http.StatusBadGateway:
		return "BAD_GATEWAY"
	case http.StatusServiceUnavailable:
		return "SERVICE_UNAVAILABLE"
	case http.StatusGatewayTimeout:
		return "GATEWAY_TIMEOUT"
	default:
		return "UNEXPECTED_ERROR"
	}
}
