// Package validate holds plan-time validators for values the Atlas API would
// reject anyway, so users learn about the problem before anything is sent.
package validate

import (
	"context"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	hexID       = regexp.MustCompile(`^[a-f0-9]{24}$`)
	projectName = regexp.MustCompile(`^[\p{L}\p{N}\-_.(),:&@+']{1,64}$`)
	tagText     = regexp.MustCompile(`^[\p{L}\p{N} ;@_\-.+]+$`)
)

// MaxTags is the number of tags Atlas accepts on one resource.
const MaxTags = 50

// HexID checks a 24-character lowercase hexadecimal Atlas id.
func HexID() validator.String {
	return stringvalidator.RegexMatches(hexID,
		"must be a 24-character hexadecimal Atlas id such as 5f1e2d3c4b5a697887766554 (lowercase a-f and 0-9)")
}

// ProjectName checks Atlas's project name rule.
func ProjectName() validator.String {
	return stringvalidator.RegexMatches(projectName,
		"must be 1 to 64 characters of letters, digits and the symbols - _ . ( ) , : & @ + ' (no spaces)")
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
