// Package validate holds plan-time validators for values the Atlas API would
// reject anyway, so users learn about the problem before anything is sent.
package validate

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	hexID   = regexp.MustCompile(`^[a-f0-9]{24}$`)
	tagText = regexp.MustCompile(`^[\p{L}\p{N} ;@_\-.+]+$`)
)

// MaxTags is the number of tags Atlas accepts on one resource.
const MaxTags = 50

// HexID checks a 24-character lowercase hexadecimal Atlas id.
func HexID() validator.String {
	return stringvalidator.RegexMatches(hexID,
		"must be a 24-character hexadecimal Atlas id such as 5f1e2d3c4b5a697887766554 (lowercase a-f and 0-9)")
}

// maxProjectNameLength is the longest project name Atlas takes, in characters.
const maxProjectNameLength = 64

// ProjectName checks what Atlas is known to refuse in a project name: an
// empty name, one longer than 64 characters, and "10gen-" or "-10gen"
// (INVALID_GROUP_NAME_10GEN). The spec's character pattern is not checked:
// Atlas accepts names it excludes, such as "Project 0" (the name it gives
// the first project of every new organization) and Cloud Manager's own
// example "Create Project API Example".
func ProjectName() validator.String { return projectNameValidator{} }

type projectNameValidator struct{}

func (projectNameValidator) Description(context.Context) string {
	return fmt.Sprintf(`1 to %d characters, without "10gen-" or "-10gen"`, maxProjectNameLength)
}

func (v projectNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (projectNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := projectNameProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid project name", fmt.Sprintf("Attribute %s: %s", req.Path, problem))
	}
}

// projectNameProblem explains what Atlas would refuse in a project name,
// and how to fix it, or returns "".
func projectNameProblem(name string) string {
	lower := strings.ToLower(name)
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return fmt.Sprintf("the project name is empty; Atlas requires 1 to %d characters.", maxProjectNameLength)
	case n > maxProjectNameLength:
		return fmt.Sprintf("the project name %q is %d characters long; Atlas allows at most %d. Shorten it.", name, n, maxProjectNameLength)
	case strings.Contains(lower, "10gen-") || strings.Contains(lower, "-10gen"):
		return fmt.Sprintf(`the project name %q contains "10gen-" or "-10gen", which Atlas reserves. Choose another name.`, name)
	}
	return ""
}

// IsHexID reports whether s is a 24-hex Atlas id.
func IsHexID(s string) bool { return hexID.MatchString(s) }

// Tags checks a tags map against Atlas's rules: at most 50 tags, keys and values
// of 1 to 255 characters from letters, digits, spaces and ; @ _ - . +
func Tags() validator.Map { return tagsValidator{} }

type tagsValidator struct{}

func (tagsValidator) Description(context.Context) string {
	return "at most 50 tags; keys and values 1-255 characters of letters, digits, spaces and ; @ _ - . +"
}

func (v tagsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (tagsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if len(elems) > MaxTags {
		resp.Diagnostics.AddAttributeError(req.Path, "Too many tags",
			fmt.Sprintf("Atlas accepts at most %d tags, the configuration has %d. Remove %d of them.", MaxTags, len(elems), len(elems)-MaxTags))
	}
	for key, raw := range elems {
		if problem := tagTextProblem(key); problem != "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Invalid tag key",
				fmt.Sprintf("Tag key %q %s.", key, problem))
		}
		value, ok := raw.(types.String)
		if !ok || value.IsNull() || value.IsUnknown() {
			continue
		}
		if problem := tagTextProblem(value.ValueString()); problem != "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Invalid tag value",
				fmt.Sprintf("The value of tag %q, %q, %s.", key, value.ValueString(), problem))
		}
	}
}

// tagTextProblem explains what is wrong with a tag key or value, or returns "".
func tagTextProblem(s string) string {
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return "is empty; Atlas requires 1 to 255 characters"
	case n > 255:
		return fmt.Sprintf("is %d characters long; Atlas allows at most 255", n)
	case !tagText.MatchString(s):
		return "contains characters Atlas rejects; use only letters, digits, spaces and ; @ _ - . +"
	}
	return ""
}
