package importid

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const kind, what = "mongodbatlas_thing", "thing id"

// importHexID runs SetHexID as the framework would for terraform import with
// importID, or for an import block with identity id when importID is empty.
func importHexID(t *testing.T, importID string, identity *string) (bool, string, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	stateSchema := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true}, "name": schema.StringAttribute{Optional: true}}}
	identitySchema := identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{RequiredForImport: true}}}
	identityType := identitySchema.Type().TerraformType(ctx)
	identityRaw := tftypes.NewValue(identityType, nil)
	if identity != nil {
		identityRaw = tftypes.NewValue(identityType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, *identity)})
	}
	req := resource.ImportStateRequest{ID: importID, Identity: &tfsdk.ResourceIdentity{Schema: identitySchema, Raw: identityRaw}}
	resp := &resource.ImportStateResponse{
		State:    tfsdk.State{Schema: stateSchema, Raw: tftypes.NewValue(stateSchema.Type().TerraformType(ctx), nil)},
		Identity: &tfsdk.ResourceIdentity{Schema: identitySchema, Raw: identityRaw},
	}
	ok := SetHexID(ctx, req, resp, kind, what)
	var id types.String
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("id"), &id)...)
	return ok, id.ValueString(), resp.Diagnostics
}

func TestSetHexID(t *testing.T) {
	const hex = "5f1e2d3c4b5a697887766554"
	for name, tc := range map[string]struct {
		importID string
		identity *string
	}{"import ID": {importID: hex}, "identity": {identity: ptr(hex)}} {
		ok, id, diags := importHexID(t, tc.importID, tc.identity)
		if !ok || diags.HasError() || id != hex {
			t.Errorf("%s: ok %v, id %q, diagnostics %v; want the id set", name, ok, id, diags)
		}
	}
}

// The errors name the resource type, what the id is, an example and the value.
func TestSetHexIDRefuses(t *testing.T) {
	for name, tc := range map[string]struct {
		importID         string
		identity         *string
		summary, detail  string
		namesIDAttribute bool
	}{
		"import ID": {importID: "not-hex", summary: "Invalid import ID for mongodbatlas_thing",
			detail: `The import ID must be the thing id: 24 hexadecimal characters, for example ` +
				`terraform import mongodbatlas_thing.example 5f1e2d3c4b5a697887766554. Got "not-hex".`},
		"identity": {identity: ptr("5F1E2D3C4B5A697887766554"), summary: "Invalid identity for mongodbatlas_thing",
			detail: `identity.id must be the thing id: 24 hexadecimal characters, for example ` +
				`identity = { id = "5f1e2d3c4b5a697887766554" }. Got "5F1E2D3C4B5A697887766554".`, namesIDAttribute: true},
	} {
		ok, id, diags := importHexID(t, tc.importID, tc.identity)
		if ok || id != "" || len(diags) != 1 {
			t.Fatalf("%s: ok %v, id %q, diagnostics %v; want one error and no id", name, ok, id, diags)
		}
		if got := diags[0]; got.Summary() != tc.summary || got.Detail() != tc.detail {
			t.Errorf("%s:\n got %q: %q\nwant %q: %q", name, got.Summary(), got.Detail(), tc.summary, tc.detail)
		}
		_, withPath := diags[0].(diag.DiagnosticWithPath)
		if withPath != tc.namesIDAttribute {
			t.Errorf("%s: diagnostic names an attribute: %v, want %v", name, withPath, tc.namesIDAttribute)
		}
	}
}

func ptr(s string) *string { return &s }
