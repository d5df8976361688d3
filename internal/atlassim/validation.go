package atlassim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Atlas rejects unknown fields rather than ignoring them, so
// every request body is first read as an object of raw fields and checked
// against the fields the endpoint knows.

// bodyFields describes the fields one request body may carry.
type bodyFields struct {
	allowed  []string // fields the endpoint accepts
	readOnly []string // fields that exist on the entity but may not be sent
	ignored  []string // read-only fields Atlas takes in a request and drops
	required []string
}

// decodeObject parses body as a JSON object and checks its field names.
func decodeObject(body []byte, spec bodyFields) (map[string]json.RawMessage, *apiError) {
	var fields map[string]json.RawMessage
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errMalformedJSON()
	}
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return nil, errMalformedJSON()
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names) // deterministic: the first offending field alphabetically
	for _, name := range names {
		if slices.Contains(spec.ignored, name) {
			delete(fields, name)
			continue
		}
		if slices.Contains(spec.readOnly, name) {
			return nil, errReadOnlyAttribute(name)
		}
		if !slices.Contains(spec.allowed, name) {
			return nil, errInvalidAttribute(name)
		}
	}
	for _, name := range spec.required {
		if raw, present := fields[name]; !present || string(raw) == "null" {
			return nil, errMissingAttribute(name)
		}
	}
	return fields, nil
}

// decodeField unmarshals one raw field; a type mismatch names the field.
func decodeField(fields map[string]json.RawMessage, name string, target any) (present bool, apiErr *apiError) {
	raw, present := fields[name]
	if !present || string(raw) == "null" {
		return false, nil
	}
	if err := json.Unmarshal(raw, target); err != nil {
		return true, errInvalidAttribute(name)
	}
	return true, nil
}

// decodeTags reads a ResourceTag array strictly (unknown keys inside a tag
// are rejected too) and validates it.
func decodeTags(raw json.RawMessage) ([]Tag, *apiError) {
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, errInvalidAttribute("tags")
	}
	tags := make([]Tag, 0, len(items))
	for _, item := range items {
		for name := range item {
			if name != "key" && name != "value" {
				return nil, errInvalidAttribute("tags." + name)
			}
		}
		var t Tag
		if _, apiErr := decodeField(item, "key", &t.Key); apiErr != nil {
			return nil, errInvalidAttribute("tags.key")
		}
		if _, apiErr := decodeField(item, "value", &t.Value); apiErr != nil {
			return nil, errInvalidAttribute("tags.value")
		}
		if _, present := item["key"]; !present {
			return nil, errMissingAttribute("tags.key")
		}
		if _, present := item["value"]; !present {
			return nil, errMissingAttribute("tags.value")
		}
		tags = append(tags, t)
	}
	if apiErr := validateTags(tags); apiErr != nil {
		return nil, apiErr
	}
	return tags, nil
}

const maxTags = 50

// tagCharacters are the characters Atlas allows in tag keys and values:
// letters, numbers, spaces and ; @ _ - . + (Atlas's documentation of resource tags).
var tagCharacters = regexp.MustCompile(`^[\p{L}\p{N} ;@_\-.+]*$`)

// validateTags applies the documented tag rules. The contract does not know
// the real errorCode, so these are VALIDATION_ERROR with a detail that
// names the offending tag, like the messages the provider's tests quote.
func validateTags(tags []Tag) *apiError {
	if len(tags) > maxTags {
		return errValidation(fmt.Sprintf("A resource can have at most %d tags; %d were specified.", maxTags, len(tags)))
	}
	seen := map[string]bool{}
	for _, t := range tags {
		for _, part := range []struct{ what, text string }{{"key", t.Key}, {"value", t.Value}} {
			n := utf8.RuneCountInString(part.text)
			if n < 1 {
				return errValidation(fmt.Sprintf("Tag %s for tag key %q must not be empty.", part.what, t.Key))
			}
			if n > 255 {
				return errValidation(fmt.Sprintf("Tag %s %q exceeded the maximum allowed length of 255 characters.", part.what, part.text))
			}
			if !tagCharacters.MatchString(part.text) {
				return errValidation(fmt.Sprintf("Tag %s %q contains invalid characters. Allowable characters include letters, numbers, spaces, and the following symbols: ; @ _ - . +", part.what, part.text))
			}
		}
		if seen[t.Key] {
			return errValidation(fmt.Sprintf("Tag key %q is specified more than once; tag keys must be unique.", t.Key))
		}
		seen[t.Key] = true
	}
	return nil
}

// maxGroupNameLength is the longest project name Atlas takes, in characters.
const maxGroupNameLength = 64

// clusterNamePattern is the cluster/flex/serverless name pattern.
var clusterNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)

// validateGroupName refuses what Atlas is known to refuse in a project
// name (Atlas and Cloud Manager alike): empty, longer than 64 characters, or
// containing "10gen-"/"-10gen". The spec's character pattern is not applied:
// Atlas accepts names outside it, such as "Project 0" (the name it gives the
// first project of every new organization) and Cloud Manager's documented
// example "Create Project API Example".
func validateGroupName(name string) *apiError {
	if n := utf8.RuneCountInString(name); n < 1 || n > maxGroupNameLength {
		return newError(400, "INVALID_GROUP_NAME", fmt.Sprintf("An invalid group name %q was specified.", name), name)
	}
	lower := strings.ToLower(name)
	if strings.Contains(lower, "10gen-") || strings.Contains(lower, "-10gen") {
		return newError(400, "INVALID_GROUP_NAME_10GEN",
			fmt.Sprintf("Group name %q cannot contain \"10gen-\" or \"-10gen\".", name), name)
	}
	return nil
}
