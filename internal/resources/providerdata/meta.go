package providerdata

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider/metaschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// MetaSchema is the schema of a module's `provider_meta "mongodbatlas"` block. It is the
// official provider's, so MongoDB's own modules, which declare one, load unchanged.
func MetaSchema() metaschema.Schema {
	return metaschema.Schema{
		Attributes: map[string]metaschema.Attribute{
			"module_name": metaschema.StringAttribute{Optional: true,
				MarkdownDescription: "Name of the module, sent in the User-Agent as `ModuleName/<value>`."},
			"module_version": metaschema.StringAttribute{Optional: true,
				MarkdownDescription: "Version of the module, sent in the User-Agent as `ModuleVersion/<value>`."},
			"user_agent_extra": metaschema.MapAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "More `key/value` pairs for the User-Agent, in key order."},
		},
	}
}

type metaModel struct {
	ModuleName     types.String `tfsdk:"module_name"`
	ModuleVersion  types.String `tfsdk:"module_version"`
	UserAgentExtra types.Map    `tfsdk:"user_agent_extra"`
}

// Operation names what a request serves, for the User-Agent.
type Operation string

// The operations a User-Agent names.
const (
	OpCreate Operation = "create"
	OpRead   Operation = "read"
	OpUpdate Operation = "update"
	OpDelete Operation = "delete"
)

// WithMeta returns a context whose API requests name the module (from the configuration's
// provider_meta block, if any), the resource or data source, and the operation in their
// User-Agent: `ModuleName/m ModuleVersion/v Name/project Operation/create key/value ...`.
// typeName is the Terraform type name ("data.<name>" for data sources). A provider_meta
// block that cannot be read only leaves the module out: it never fails an operation.
func WithMeta(ctx context.Context, meta tfsdk.Config, typeName string, op Operation) context.Context {
	var m metaModel
	if !meta.Raw.IsNull() && meta.Raw.IsKnown() {
		if diags := meta.Get(ctx, &m); diags.HasError() {
			m = metaModel{}
		}
	}
	extra := map[string]string{}
	if !m.UserAgentExtra.IsNull() && !m.UserAgentExtra.IsUnknown() {
		for k, v := range m.UserAgentExtra.Elements() {
			if s, ok := v.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
				extra[k] = s.ValueString()
			}
		}
	}
	return atlas.WithUserAgentSuffix(ctx, userAgentSuffix(m.ModuleName.ValueString(), m.ModuleVersion.ValueString(), typeName, op, extra))
}

// userAgentSuffix builds the product tokens of WithMeta. Values are cleaned so that a
// module cannot break the header (no spaces, slashes or control characters in a token).
func userAgentSuffix(module, version, typeName string, op Operation, extra map[string]string) string {
	var parts []string
	add := func(k, v string) {
		if k = uaToken(k); k != "" && uaToken(v) != "" {
			parts = append(parts, k+"/"+uaToken(v))
		}
	}
	add("ModuleName", module)
	add("ModuleVersion", version)
	add("Name", strings.TrimPrefix(strings.Replace(typeName, "data.mongodbatlas_", "data.", 1), "mongodbatlas_"))
	add("Operation", string(op))
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(k, extra[k])
	}
	return strings.Join(parts, " ")
}

func uaToken(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r <= ' ' || r == 0x7f || r == '/' || r == '(' || r == ')':
			return '_'
		case r > 0x7e:
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}
